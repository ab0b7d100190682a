// opencc-js ships its dictionaries as ES modules without type declarations: each default-exports a
// string of "from to|from to|…" pairs.
declare module 'opencc-js/dict/TSCharacters' {
  const pairs: string;
  export default pairs;
}
declare module 'opencc-js/dict/TWVariantsRev' {
  const pairs: string;
  export default pairs;
}
declare module 'opencc-js/dict/HKVariantsRev' {
  const pairs: string;
  export default pairs;
}
