// Saves what the page made as a file of the user's: an <a download> over a Blob works the same in
// a browser tab (serve mode) and in Electron, which asks where to save it.
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later, not at once: the browser reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Text as a file, in UTF-8. */
export function downloadFile(fileName: string, content: string, type: string): void {
  downloadBlob(fileName, new Blob([content], { type: type.includes('charset') ? type : `${type};charset=utf-8` }));
}

/** A file name from a person's or a record's name: letters and digits kept, accents included. */
export function fileSafe(name: string): string {
  return name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'export';
}
