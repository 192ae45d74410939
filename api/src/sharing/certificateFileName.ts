/** A safe ASCII file name: "<badge-name>-certificate.pdf". */
export function certificateFileName(badgeName: string): string {
  const slug = badgeName
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'badge'}-certificate.pdf`;
}
