/** Links the bot serves itself (see src/server.ts). */
export const downloadPath = '/downloads/';
export const exportPath = '/exports/';
export const exportUrl = (base: string, exportId: string) =>
  `${base.replace(/\/$/, '')}${exportPath}${exportId}.csv`;
