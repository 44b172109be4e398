/** What wrangler bundles as modules of their own (a .wasm file as a compiled module). */
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}

/** Workers (wrangler.toml, [[rules]] Data) import a .ttf file as its bytes. */
declare module '*.ttf' {
  const data: ArrayBuffer;
  export default data;
}
