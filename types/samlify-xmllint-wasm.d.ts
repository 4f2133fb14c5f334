// The package ships JavaScript only; this is its one export (build/index.js).
declare module "@authenio/samlify-xmllint-wasm" {
  export function validate(xml: string): Promise<true>;
}
