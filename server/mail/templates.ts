import type { OutgoingMail } from '../deps.ts';

const ROLE_NL: Record<string, string> = {
  municipality_delegate: 'gedelegeerde namens de gemeente',
  provider_delegate: 'gedelegeerde namens de aanbieder',
  chair: 'onafhankelijk voorzitter',
  secretariat: 'secretariaat',
  council_member: 'raadslid',
  observer: 'toehoorder',
};

export function invitationMail(input: {
  to: string;
  name: string;
  inviterName: string;
  tableName: string;
  organizationName: string;
  role: string;
  link: string;
  expiresAt: Date;
}): OutgoingMail {
  const expires = input.expiresAt.toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });
  return {
    to: input.to,
    subject: `Uitnodiging: ${input.tableName}`,
    text: [
      `Beste ${input.name},`,
      '',
      `${input.inviterName} nodigt u uit voor "${input.tableName}" als ${ROLE_NL[input.role] ?? input.role} (${input.organizationName}).`,
      '',
      'Open deze link om uw account in te stellen en de tafel te openen:',
      input.link,
      '',
      `De link is eenmalig te gebruiken en geldig tot en met ${expires}.`,
      '',
      'Met vriendelijke groet,',
      'Tafelwerk',
    ].join('\n'),
  };
}
