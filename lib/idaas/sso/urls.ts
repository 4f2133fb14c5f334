/**
 * The IdP's URLs for one application (IDaaS gives each SAML application its own IdP Entity ID):
 * the Entity ID is the metadata URL, the SSO URL takes AuthnRequests (HTTP-Redirect or POST) and,
 * without one, starts IdP-initiated SSO. No server code: the SSO tab shows them.
 */
const base = (origin: string, appId: string) => `${origin}/saml/idp/${encodeURIComponent(appId)}`;

export const idpMetadataUrl = (origin: string, appId: string) => `${base(origin, appId)}/metadata`;
export const idpEntityId = idpMetadataUrl;
export const idpSsoUrl = (origin: string, appId: string) => `${base(origin, appId)}/sso`;
/** The IDaaS user portal of an instance. */
export const portalPath = (instanceId: string) => `/portal/${encodeURIComponent(instanceId)}`;
