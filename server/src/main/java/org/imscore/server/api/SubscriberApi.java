package org.imscore.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.imscore.hss.provisioning.BatchProblem;
import org.imscore.hss.provisioning.BatchRefusedException;
import org.imscore.hss.provisioning.Page;
import org.imscore.hss.provisioning.ProvisioningException;
import org.imscore.hss.provisioning.ProvisioningService;
import org.imscore.hss.store.StoreException;
import org.imscore.hss.provisioning.SubscriberPatch;
import org.imscore.hss.subscriber.AuthCredentials;
import org.imscore.hss.subscriber.Subscriber;
import org.imscore.hss.subscriber.SubscriberSpec;
import org.imscore.server.api.SubscriberJson.BatchErrorJson;
import org.imscore.server.api.SubscriberJson.BatchJson;
import org.imscore.server.api.SubscriberJson.ErrorJson;
import org.imscore.server.api.SubscriberJson.PageJson;
import org.imscore.server.api.SubscriberJson.ProblemJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriber resources of the REST API, as plain Java from (method, path, query, body) to an
 * answer, so it is tested without sockets too:
 *
 * <pre>
 *   POST   /api/v1/subscribers                    create          201, 400, 409
 *          (a JSON array: a batch of up to 1000,  201, 400, 409; 200 with ?dryRun=true
 *          created in one transaction or none)
 *   GET    /api/v1/subscribers?offset=&amp;limit=     list            200, 400
 *   GET    /api/v1/subscribers/{impi}             read            200, 404
 *   PUT    /api/v1/subscribers/{impi}             replace (SQN     200, 400, 404, 409
 *                                                 kept unless given)
 *   PATCH  /api/v1/subscribers/{impi}             change fields   200, 400, 404, 409
 *   DELETE /api/v1/subscribers/{impi}             delete          204, 404
 *   POST   /api/v1/subscribers/{impi}/deregister  deregister      200, 404
 * </pre>
 *
 * Every error is {@code {"error": "..."}} saying what to fix; no stack trace leaves the server. A
 * refused batch adds {@code "problems": [{"index": 3, "impi": "...", "error": "..."}]}, one per
 * subscriber that cannot be created; {@code ?dryRun=true} checks a batch, store included, without
 * writing it.
 */
public final class SubscriberApi {

  private static final Logger log = LoggerFactory.getLogger(SubscriberApi.class);
  static final String BASE = "/api/v1/subscribers";
  private static final int DEFAULT_LIMIT = 100;
  private static final TypeReference<List<SubscriberJson>> BATCH = new TypeReference<>() {};

  private final ProvisioningService provisioning;
  private final ObjectMapper json =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public SubscriberApi(ProvisioningService provisioning) {
    this.provisioning = Objects.requireNonNull(provisioning);
  }

  /**
   * @param path the decoded path, e.g. /api/v1/subscribers/alice@example.org
   * @param query decoded query parameters
   * @param body the request body (empty when none)
   */
  public ApiResponse handle(String method, String path, Map<String, List<String>> query, String body) {
    try {
      return route(method, path, query, body);
    } catch (BatchRefusedException e) {
      return ApiResponse.json(
          e.kind() == ProvisioningException.Kind.CONFLICT ? 409 : 400,
          write(new BatchErrorJson(e.getMessage(), e.problems().stream().map(SubscriberApi::toJson).toList())));
    } catch (ProvisioningException e) {
      int status =
          switch (e.kind()) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
          };
      return error(status, e.getMessage());
    } catch (StoreException e) {
      log.error("{} {} failed in the store", method, path, e);
      return error(500, "the subscriber store failed; see the server log");
    } catch (RuntimeException e) {
      log.error("{} {} failed", method, path, e);
      return error(500, "internal error; see the server log");
    }
  }

  private ApiResponse route(String method, String path, Map<String, List<String>> query, String body) {
    String trimmed = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    if (trimmed.equals(BASE)) {
      return switch (method) {
        case "POST" -> isArray(body) ? createAll(body, query) : create(body);
        case "GET" -> list(query);
        default -> error(405, method + " is not allowed on " + BASE + ": use GET or POST");
      };
    }
    if (!trimmed.startsWith(BASE + "/")) {
      return error(404, "no resource at " + path + ": the API lives under " + BASE);
    }
    String rest = trimmed.substring(BASE.length() + 1);
    if (rest.endsWith("/deregister")) {
      String impi = rest.substring(0, rest.length() - "/deregister".length());
      if (!method.equals("POST")) {
        return error(405, method + " is not allowed on " + path + ": use POST");
      }
      return ok(200, provisioning.deregister(impi));
    }
    if (rest.contains("/")) {
      return error(404, "no resource at " + path);
    }
    String impi = rest;
    return switch (method) {
      case "GET" -> ok(200, provisioning.get(impi));
      case "PUT" -> ok(200, replace(impi, parse(body)));
      case "PATCH" -> ok(200, provisioning.patch(impi, SubscriberMapper.toPatch(parse(body))));
      case "DELETE" -> {
        provisioning.delete(impi);
        yield new ApiResponse(204, null, null);
      }
      default -> error(405, method + " is not allowed on " + path + ": use GET, PUT, PATCH or DELETE");
    };
  }

  private ApiResponse create(String body) {
    Subscriber created = provisioning.create(SubscriberMapper.toSpec(parse(body)));
    String location = BASE + "/" + URLEncoder.encode(created.impi(), StandardCharsets.UTF_8);
    return new ApiResponse(201, write(SubscriberMapper.toJson(created)), location);
  }

  /**
   * A batch: every item mapped (a bad item is a problem of its own), then checked or created as a
   * whole by the provisioning service.
   */
  private ApiResponse createAll(String body, Map<String, List<String>> query) {
    boolean dryRun = booleanParam(query, "dryRun");
    List<SubscriberJson> items = parseBatch(body);
    if (items.size() > ProvisioningService.MAX_BATCH) {
      throw SubscriberMapper.invalid("a batch holds at most " + ProvisioningService.MAX_BATCH
          + " subscribers, got " + items.size() + ": split it");
    }
    List<SubscriberSpec> specs = new ArrayList<>(items.size());
    List<Integer> positions = new ArrayList<>(items.size());
    List<BatchProblem> problems = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      SubscriberJson item = items.get(i);
      try {
        if (item == null) {
          throw SubscriberMapper.invalid("item is null; give a subscriber object");
        }
        specs.add(SubscriberMapper.toSpec(item));
        positions.add(i);
      } catch (ProvisioningException e) {
        problems.add(new BatchProblem(i, item == null ? null : item.impi(), e.kind(), e.getMessage()));
      }
    }
    if (dryRun || !problems.isEmpty()) {
      // Every problem at once, those of the items that could be read too, at their places in the batch.
      if (!specs.isEmpty()) {
        for (BatchProblem p : provisioning.check(specs)) {
          problems.add(new BatchProblem(positions.get(p.index()), p.impi(), p.kind(), p.message()));
        }
      }
      if (!problems.isEmpty()) {
        problems.sort(Comparator.comparingInt(BatchProblem::index));
        throw new BatchRefusedException(items.size(), problems);
      }
      return ApiResponse.json(200, write(new BatchJson(0, specs.size())));
    }
    int created = provisioning.createAll(specs);
    return ApiResponse.json(201, write(new BatchJson(created, created)));
  }

  private static boolean isArray(String body) {
    return body != null && body.stripLeading().startsWith("[");
  }

  private static boolean booleanParam(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty()) {
      return false;
    }
    return switch (values.get(0)) {
      case "true", "" -> true;
      case "false" -> false;
      default -> throw SubscriberMapper.invalid(name + " must be true or false, got \"" + values.get(0) + "\"");
    };
  }

  private static ProblemJson toJson(BatchProblem problem) {
    return new ProblemJson(problem.index(), problem.impi(), problem.message());
  }

  /**
   * PUT replaces everything provisioned. Without an sqn in the body the current SQN stays: a
   * replaced profile must not rewind the sequence numbers the subscriber's USIM has seen.
   */
  private Subscriber replace(String impi, SubscriberJson json) {
    SubscriberSpec spec = SubscriberMapper.toSpec(json);
    if (json.sqn() != null || !impi.equals(spec.impi())) {
      return provisioning.replace(impi, spec);
    }
    AuthCredentials auth = spec.auth();
    return provisioning.patch(
        impi,
        new SubscriberPatch(
            auth.k(), auth.opc(), auth.op(), auth.amf(), null,
            auth.password() == null ? "" : auth.password(),
            spec.publicIdentities(), spec.serviceProfiles()));
  }

  private ApiResponse list(Map<String, List<String>> query) {
    int offset = intParam(query, "offset", 0);
    int limit = intParam(query, "limit", DEFAULT_LIMIT);
    Page<Subscriber> page = provisioning.list(offset, limit);
    return ApiResponse.json(
        200,
        write(
            new PageJson(
                page.items().stream().map(SubscriberMapper::toJson).toList(),
                page.total(),
                page.offset(),
                page.limit())));
  }

  private static int intParam(Map<String, List<String>> query, String name, int fallback) {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(values.get(0));
    } catch (NumberFormatException e) {
      throw SubscriberMapper.invalid(name + " must be a whole number, got \"" + values.get(0) + "\"");
    }
  }

  private List<SubscriberJson> parseBatch(String body) {
    try {
      return json.readValue(body, BATCH);
    } catch (UnrecognizedPropertyException e) {
      throw SubscriberMapper.invalid(
          "unknown field \"" + e.getPropertyName() + "\"" + at(e) + "; known fields: "
              + e.getKnownPropertyIds());
    } catch (JsonMappingException e) {
      throw SubscriberMapper.invalid("wrong type" + at(e) + ": " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw SubscriberMapper.invalid("the body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private SubscriberJson parse(String body) {
    if (body == null || body.isBlank()) {
      throw SubscriberMapper.invalid("the request needs a JSON body describing the subscriber");
    }
    try {
      SubscriberJson parsed = json.readValue(body, SubscriberJson.class);
      if (parsed == null) {
        throw SubscriberMapper.invalid("the body must be a JSON object, not null");
      }
      return parsed;
    } catch (UnrecognizedPropertyException e) {
      throw SubscriberMapper.invalid(
          "unknown field \"" + e.getPropertyName() + "\"" + at(e) + "; known fields: "
              + e.getKnownPropertyIds());
    } catch (JsonMappingException e) {
      throw SubscriberMapper.invalid("wrong type" + at(e) + ": " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw SubscriberMapper.invalid("the body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static String at(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "" : " at " + path;
  }

  private ApiResponse ok(int status, Subscriber subscriber) {
    return ApiResponse.json(status, write(SubscriberMapper.toJson(subscriber)));
  }

  private ApiResponse error(int status, String message) {
    return ApiResponse.json(status, write(new ErrorJson(message)));
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
