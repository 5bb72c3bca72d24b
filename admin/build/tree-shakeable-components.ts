import type { Plugin } from 'vite';

/**
 * The NL Design System's React packages define each component as
 * `var X = /*#__PURE__*\/forwardRef(…); X.displayName = 'X';`. The property write is a side
 * effect to Rollup, so every component of the library stayed in the bundle whether the app
 * renders it or not (the whole of @utrecht/component-library-react, about 190 kB minified, in
 * the first download). In production builds the `displayName` lines are dropped (they only name
 * components in React's developer tools), and unused components go with them.
 */
const DISPLAY_NAME = /^([A-Za-z_$][\w$]*)\.displayName = (['"])[^'"\n]*\2;$/gm;

export function treeShakeableComponents(): Plugin {
  return {
    name: 'schakel-tree-shakeable-components',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]@utrecht[\\/][^?]*\.mjs$/.test(id) || !code.includes('.displayName')) return null;
      return { code: code.replace(DISPLAY_NAME, ''), map: null };
    },
  };
}
