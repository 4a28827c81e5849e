// Saves a document the core produced as a file of the user's: an <a download> over a Blob works
// the same in a browser tab (serve mode) and in Electron, which asks where to save it.
export function saveFile(fileName: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: `${mimeType};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser reads the Blob after click() returns: release it once the download has surely started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
