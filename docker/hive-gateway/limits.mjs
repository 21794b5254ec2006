// What Hive Gateway's own options cannot say of our limits: the largest request body. Our gateway
// reads at most MAX_BODY_BYTES of a body and answers a larger one with 413 `PAYLOAD_TOO_LARGE`
// before anything is parsed; Hive reads any body whole. This plugin refuses a body by its declared
// Content-Length before Hive reads it, and a body that declares none (chunked) with 411, since its
// size would be known only once it had been read.

/** A GraphQL-shaped refusal with `extensions.code`, as our gateway answers one. */
function refusal(fetchAPI, status, message, code) {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status, headers: { 'content-type': 'application/json; charset=utf-8', connection: 'close' },
  });
}

/** A Hive Gateway plugin that refuses request bodies larger than `maxBodyBytes` (MAX_BODY_BYTES). */
export function useBodyLimit({ maxBodyBytes }) {
  return {
    onRequest({ request, fetchAPI, endResponse }) {
      if (request.method !== 'POST') return;
      const declared = request.headers.get('content-length');
      if (declared === null) {
        endResponse(refusal(fetchAPI, 411, 'Send the request body with a Content-Length', 'LENGTH_REQUIRED'));
      } else if (!/^\d+$/.test(declared) || Number(declared) > maxBodyBytes) {
        endResponse(refusal(fetchAPI, 413, `Request body is larger than ${maxBodyBytes} bytes`, 'PAYLOAD_TOO_LARGE'));
      }
    },
  };
}
