/**
 * Icons as inline SVG in the text colour: an emoji (🔒, ⚠) depends on the reader's fonts, renders in
 * colour or as an empty box, and some screen readers read its name aloud. The icon is decoration
 * (aria-hidden) beside words that carry the meaning; pass `label` only where no words stand next to it.
 */
const PATHS = {
  lock: 'M7 10V7a5 5 0 0 1 10 0v3h1a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V11a1 1 0 0 1 1-1Zm2 0h6V7a3 3 0 0 0-6 0Zm2 4v4h2v-4Z',
  warning: 'M12 2 1 21h22Zm-1 7h2v6h-2Zm0 8h2v2h-2Z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, label }: { name: IconName; label?: string }) {
  return (
    <svg
      className={`tw-icon tw-icon-${name}`}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      focusable="false"
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
    >
      <path fill="currentColor" fillRule="evenodd" d={PATHS[name]} />
    </svg>
  );
}
