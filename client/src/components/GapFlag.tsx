import { Icon } from './Icon.tsx';

/** A gap in the plan (a goal no section serves, a section that serves no goal): words and a sign, not colour alone. */
export function GapFlag({ text }: { text: string }) {
  return (
    <span className="tw-flag">
      <Icon name="warning" /> {text}
    </span>
  );
}
