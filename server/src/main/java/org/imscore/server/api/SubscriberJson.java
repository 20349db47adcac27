package org.imscore.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The JSON shape of a subscriber in the REST API. On input, null means "not given"; on output,
 * {@code scscfName} and each identity's {@code state} report what the HSS knows.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriberJson(
    String impi,
    String k,
    String opc,
    String op,
    String amf,
    Long sqn,
    String password,
    List<PublicIdentityJson> publicIdentities,
    List<ServiceProfileJson> serviceProfiles,
    String scscfName) {

  /** {@code serviceProfile} defaults to "default", {@code implicitSet} to 1. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PublicIdentityJson(
      String identity, Boolean barred, Integer implicitSet, String serviceProfile, String state) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ServiceProfileJson(String name, List<IfcJson> initialFilterCriteria) {}

  /** {@code profilePartIndicator}: REGISTERED or UNREGISTERED, absent for both. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record IfcJson(
      Integer priority,
      TriggerPointJson triggerPoint,
      ApplicationServerJson applicationServer,
      String profilePartIndicator) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TriggerPointJson(Boolean conditionTypeCnf, List<SptJson> spt) {}

  /** Exactly one of requestUri, method, sipHeader, sessionCase, sessionDescription. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SptJson(
      Integer group,
      Boolean negated,
      String requestUri,
      String method,
      HeaderJson sipHeader,
      String sessionCase,
      LineJson sessionDescription,
      List<String> registrationTypes) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HeaderJson(String header, String content) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LineJson(String line, String content) {}

  /** {@code defaultHandling}: SESSION_CONTINUED (the default) or SESSION_TERMINATED. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ApplicationServerJson(String serverName, String defaultHandling, String serviceInfo) {}

  /** One page of {@code GET /api/v1/subscribers}. */
  public record PageJson(List<SubscriberJson> items, long total, int offset, int limit) {}

  /** The body of every error answer. */
  public record ErrorJson(String error) {}

  /** A refused batch: the summary and one entry per subscriber that cannot be created. */
  public record BatchErrorJson(String error, List<ProblemJson> problems) {}

  /** One refused subscriber of a batch: its position from 0, its IMPI as given, what to fix. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ProblemJson(int index, String impi, String error) {}

  /** The answer to a batch: how many were created, or checked with {@code dryRun=true}. */
  public record BatchJson(int created, int checked) {}
}
