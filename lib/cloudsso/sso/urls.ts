import "server-only";

export const spEntityId = (origin: string, directoryId: string) => `${origin}/saml/sp/${encodeURIComponent(directoryId)}`;
export const acsUrl = (origin: string, acsId: string) => `${origin}/saml/acs/${encodeURIComponent(acsId)}`;
export const loginUrl = (origin: string, directoryName: string) => `${origin}/signin/${encodeURIComponent(directoryName)}`;
