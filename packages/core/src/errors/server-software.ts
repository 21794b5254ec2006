/**
 * Apollo Server's own refusals whose words name it, or the header names only it reads, each with
 * a wording that tells the client what to change and not what answers. The GraphQL-over-HTTP
 * refusals a client can cause: another HTTP method, a simple cross-site request (CSRF
 * prevention), an `Accept` asking for incremental delivery, and introspection while it is off.
 */
const REWORDED: ReadonlyArray<[RegExp, string]> = [
  [/^Apollo Server supports only GET\/POST requests\.$/, 'Only GET and POST requests are accepted.'],
  [
    /^This operation has been blocked as a potential Cross-Site Request Forgery/,
    'This request was refused as a possible cross-site request forgery: send it with Content-Type: application/json, or a GET with the preflight header the API\'s documentation names.',
  ],
  [/^Apollo server received an operation that uses incremental delivery/, 'Incremental delivery (@defer, @stream) is not supported.'],
  [/^GraphQL introspection is not allowed by Apollo Server/, 'Introspection is turned off on this server: the API schema is published with its documentation.'],
];

/**
 * In production, a refusal worded by the server software is reworded so that no message names the
 * software (or, through the headers it reads, gives it away); everything else is returned as it
 * is. Outside production Apollo's own words stay: they name the header a developer must send.
 */
export function withoutServerSoftware<T extends { message: string }>(formatted: T, production: boolean): T {
  if (!production) return formatted;
  const match = REWORDED.find(([pattern]) => pattern.test(formatted.message));
  return match ? { ...formatted, message: match[1] } : formatted;
}
