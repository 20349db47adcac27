package org.imscore.testkit.ue;

import java.util.List;
import java.util.Optional;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.ua.Dialog;

/**
 * A call the UE placed: the INVITE's provisional and final responses and, once answered, the dialog to hang up in.
 * The UE core has already ACKed a 2xx (RFC 3261 §13.2.2.4).
 */
public final class Call {

    private final TestUe ue;
    private final List<SipResponse> provisional;
    private final SipResponse response;
    private volatile Dialog dialog;

    Call(TestUe ue, List<SipResponse> provisional, SipResponse response, Optional<Dialog> dialog) {
        this.ue = ue;
        this.provisional = List.copyOf(provisional);
        this.response = response;
        this.dialog = dialog.orElse(null);
    }

    /** The 1xx responses in arrival order (100 is absorbed by the transaction layer only over hop-by-hop). */
    public List<SipResponse> provisional() {
        return provisional;
    }

    /** The final response to the INVITE. */
    public SipResponse response() {
        return response;
    }

    public boolean isAnswered() {
        return response.isSuccess();
    }

    public Optional<Dialog> dialog() {
        return Optional.ofNullable(dialog);
    }

    /** Sends BYE in the dialog (§15.1.1) and returns its final response. */
    public SipResponse hangUp() {
        Dialog d = dialog().orElseThrow(() -> new IllegalStateException(
                "call was not answered: " + response.statusCode() + " " + response.reasonPhrase()));
        Dialog.Next bye = d.nextRequest("BYE");
        dialog = bye.dialog();
        return ue.sendInDialog(bye.dialog(), bye.request());
    }
}
