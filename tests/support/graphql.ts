/** What a GraphQL server answers, as the tests read it. */
export interface GraphQLErrorBody {
  message: string;
  path?: Array<string | number>;
  extensions?: Record<string, unknown>;
}

export interface GraphQLBody<Data = Record<string, unknown>> {
  data?: Data | null;
  errors?: GraphQLErrorBody[];
  extensions?: Record<string, unknown>;
}

export interface GraphQLResult<Data = Record<string, unknown>> {
  status: number;
  body: GraphQLBody<Data>;
}

/** POSTs one operation as JSON and returns the status and the parsed body. */
export async function postGraphQL<Data = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResult<Data>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  let body: GraphQLBody<Data>;
  try {
    body = JSON.parse(text) as GraphQLBody<Data>;
  } catch {
    throw new Error(`${url} answered HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 500)}`);
  }
  return { status: response.status, body };
}

/** The data of a response that must have no errors; otherwise fails, quoting them. */
export function dataOf<Data>(result: GraphQLResult<Data>): Data {
  if (result.body.errors?.length || result.body.data == null) {
    throw new Error(`expected data without errors, got HTTP ${result.status}: ${JSON.stringify(result.body, null, 2)}`);
  }
  return result.body.data;
}

/** The `extensions.code` of every error, in order. */
export function errorCodes(body: GraphQLBody<unknown>): unknown[] {
  return (body.errors ?? []).map((error) => error.extensions?.code);
}
