import "server-only";
import * as samlify from "samlify";
import { validate } from "@authenio/samlify-xmllint-wasm";

/**
 * The one samlify instance both products use (IDaaS as identity provider, CloudSSO as service
 * provider). samlify refuses to parse any SAML message until a schema validator is registered;
 * ours is the real XSD validation of @authenio/samlify-xmllint-wasm (libxml2 compiled to WASM,
 * offline, no Java). Never register a validator that accepts everything.
 */
let configured = false;

export function saml(): typeof samlify {
  if (!configured) {
    samlify.setSchemaValidator({ validate });
    configured = true;
  }
  return samlify;
}
