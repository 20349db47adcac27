package org.imscore.diameter.dictionary;

/**
 * The dictionaries that ship with imscore, read once from their data files:
 * {@link #base()} (RFC 6733) and {@link #cx()} (TS 29.229 Cx/Dx, inheriting base).
 * Sh, Rx, Gx or S6a dictionaries are further files that inherit {@link #base()} the same way.
 */
public final class Dictionaries {

    private Dictionaries() {
    }

    private static final class Base {
        static final Dictionary INSTANCE = Dictionary.load("base.dict", null);
    }

    private static final class Cx {
        static final Dictionary INSTANCE = Dictionary.load("cx.dict", Base.INSTANCE);
    }

    public static Dictionary base() {
        return Base.INSTANCE;
    }

    public static Dictionary cx() {
        return Cx.INSTANCE;
    }
}
