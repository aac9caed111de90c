/* credibly extension — calls to the configured credibly server, each with a time limit, and the
 * reader-facing wording of every way a call can fail. Exposes CrediblyApi.
 */
(function (root) {
  "use strict";

  /** A failed call, with a `state` the interface knows how to explain (see `explain`). */
  class ApiFailure extends Error {
    constructor(state, message, extra) {
      super(message);
      this.name = "ApiFailure";
      this.state = state;
      Object.assign(this, extra || {});
    }
  }

  /** One JSON request to the server: resolves {status, data, headers}; rejects with ApiFailure for
   *  no answer (`unreachable`), no answer in time (`timeout`, via AbortController) and HTTP errors. */
  async function request(settings, path, options) {
    const opts = options || {};
    const headers = { Accept: "application/json" };
    if (opts.body !== undefined) headers["Content-Type"] = "application/json";
    if (settings.apiKey) headers["X-API-Key"] = settings.apiKey;
    const controller = new AbortController();
    const seconds = settings.timeoutSeconds;
    const timer = setTimeout(() => controller.abort(), seconds * 1000);
    let response;
    let data = null;
    try {
      response = await fetch(settings.serverUrl + path, {
        method: opts.method || "GET",
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: controller.signal,
        cache: "no-store",
        credentials: "omit",
      });
      const type = response.headers.get("Content-Type") || "";
      if (type.includes("json")) data = await response.json();
    } catch (err) {
      if (controller.signal.aborted) {
        throw new ApiFailure("timeout", `no answer within ${seconds} s`, { seconds });
      }
      throw new ApiFailure("unreachable", String((err && err.message) || err));
    } finally {
      clearTimeout(timer);
    }
    const allowed = opts.allow || [];
    if (!response.ok && !allowed.includes(response.status)) throw httpFailure(response, data);
    return { status: response.status, data, headers: response.headers };
  }

  function httpFailure(response, data) {
    const error = (data && data.error) || {};
    const message = error.message || response.statusText || `HTTP ${response.status}`;
    const state =
      {
        401: "auth",
        403: "auth",
        413: "too_large",
        429: "rate_limited",
        504: "timeout",
      }[response.status] || (response.status >= 500 ? "server_error" : "bad_request");
    return new ApiFailure(state, message, {
      status: response.status,
      code: error.code,
      retryAfter: Number(response.headers.get("Retry-After")) || null,
    });
  }

  /** POST /v1/score with the page read from the tab (html or text, url, title). */
  async function score(settings, page) {
    const body = { url: page.url };
    if (page.html !== undefined) body.html = page.html;
    else body.text = page.text;
    if (page.title && page.text !== undefined) body.title = page.title;
    return (await request(settings, "/v1/score", { method: "POST", body })).data;
  }

  /** GET /v1/sources/{host}: the site's rating, or null when the server has none yet (404) or the
   *  host is one no publisher has (400 invalid_host: localhost, an intranet name). */
  async function sourceRating(settings, host) {
    try {
      const res = await request(settings, "/v1/sources/" + encodeURIComponent(host), { allow: [404] });
      return res.status === 404 ? null : res.data;
    } catch (err) {
      if (err.status === 400 && err.code === "invalid_host") return null;
      throw err;
    }
  }

  /** POST /v1/feedback: a reader's verdict on the score of `url`. */
  async function feedback(settings, body) {
    return (await request(settings, "/v1/feedback", { method: "POST", body })).data;
  }

  /** GET /health, then one guarded call to learn whether the API key is accepted. */
  async function testConnection(settings) {
    const health = (await request(settings, "/health")).data || {};
    let keyAccepted = true;
    try {
      await request(settings, "/v1/sources/credibly-connection-test.invalid", { allow: [404] });
    } catch (err) {
      if (err.state !== "auth") throw err;
      keyAccepted = false;
    }
    return { model: health.model, version: health.version, keyAccepted };
  }

  /** {title, detail} in plain words for a failure state (server address included where it helps). */
  function explain(failure, settings) {
    const server = settings.serverUrl;
    const state = failure.state || "server_error";
    switch (state) {
      case "unreachable":
        return {
          title: "Can't reach the credibly server",
          detail:
            `Nothing answered at ${server}. Start the server on this computer with the command ` +
            "“credibly serve” (install it with “pip install credibly[api]”), " +
            "or change the server address in the extension's Options.",
        };
      case "timeout":
        return {
          title: "The server took too long",
          detail:
            `${server} did not answer within ${failure.seconds || settings.timeoutSeconds} seconds. ` +
            "It may be busy: try again, or allow more time in Options.",
        };
      case "auth":
        return {
          title: "The server wants an API key",
          detail: "The key is missing or not accepted. Enter the key you were given in Options.",
        };
      case "rate_limited":
        return {
          title: "Too many requests",
          detail: `The server asks to slow down${failure.retryAfter ? `; try again in ${failure.retryAfter} s` : ""}.`,
        };
      case "too_large":
        return { title: "This page is too large", detail: "It is over the server's size limit." };
      default:
        return {
          title: "The server could not score this page",
          detail: `${failure.status ? `HTTP ${failure.status}: ` : ""}${failure.message}`,
        };
    }
  }

  root.CrediblyApi = { ApiFailure, request, score, sourceRating, feedback, testConnection, explain };
})(globalThis);
