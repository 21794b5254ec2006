/** The gateway's access module as tools use it (`npm run keys`, composition): keys, roles and the access subgraph. */
export { ACCESS_SUBGRAPH, ACCESS_SUBGRAPH_URL, printAccessSdl } from './access-schema';
export { checkApiKeyId, checkCreateApiKeyInput } from './api-key.input';
export { ApiKeyRepository, type ApiKeyRecord } from './api-key.repository';
export { ApiKeyRole } from './api-key.type';
export { CREDENTIAL_ROLES, type CredentialRole, isCredentialRole, listCredentialRoles } from './credential-roles';
export { createAccessDataSource, migrateAccess } from './data-source';
export { createAuthenticator, type Authenticator } from './authenticate';
export { readAccessConfig } from './access-config';
