/**
 * A Vite plugin so that only the NL Design System components the client uses end up in its bundle.
 *
 * `@utrecht/component-library-react` defines ~100 components in one module and names each with a
 * top-level `Component.displayName = '…'` statement. A property write counts as a side effect, so the
 * bundler keeps every component (some 190 kB) for those lines alone. Dropping them only costs the
 * names React's developer tools show; tree-shaking then leaves the dozen components in use. A global
 * `treeshake.propertyWriteSideEffects: false` would do the same for every package, with less predictable
 * results (it moved zod into the first download), hence this narrow rewrite of one file.
 */
const LIBRARY = /[\\/]@utrecht[\\/]component-library-react[\\/]dist[\\/]index\.mjs$/;
const DISPLAY_NAME = /^[A-Za-z_$][\w$]*\.displayName = '[^'\n]*';$/gm;

export function treeshakeUtrecht(): {
  name: string;
  apply: 'build';
  transform(code: string, id: string): { code: string; map: null } | null;
} {
  return {
    name: 'tafelwerk-treeshake-utrecht',
    apply: 'build',
    transform(code, id) {
      if (!LIBRARY.test(id)) return null;
      // The lines stay (empty), so nothing moves and the library's source map still holds.
      return { code: code.replace(DISPLAY_NAME, ''), map: null };
    },
  };
}
