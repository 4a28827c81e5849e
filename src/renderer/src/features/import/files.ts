// Files in and out of the renderer: a picked file becomes the base64 the contract takes, and an
// exported file becomes a download. The size cap is checked here, before the bytes cross the
// transport, so a too-large file gets a clear message instead of a schema error.
import { ROSTER_MAX_BASE64, type ExportedFile } from '../../../../shared/api';
import { downloadBlob } from '../../components/download';

/** The length of the base64 text a file of `bytes` bytes becomes. */
export const base64Length = (bytes: number): number => Math.ceil(bytes / 3) * 4;

export const fitsRosterCap = (file: Blob): boolean => base64Length(file.size) <= ROSTER_MAX_BASE64;

export const mebibytes = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

function read<T extends 'readAsArrayBuffer' | 'readAsText'>(file: Blob, how: T): Promise<T extends 'readAsText' ? string : ArrayBuffer> {
  // FileReader rather than Blob.arrayBuffer(): the same code runs in Chromium and in jsdom.
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as never);
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader[how](file);
  });
}

export async function readBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await read(file, 'readAsArrayBuffer'));
  // In slices: String.fromCharCode takes its arguments on the stack.
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const readText = (file: Blob): Promise<string> => read(file, 'readAsText');

/** Saves an exported file (its content travels as base64: XLSX is binary). */
export function download(file: ExportedFile): void {
  const binary = atob(file.contentBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  downloadBlob(file.fileName, new Blob([bytes], { type: file.mimeType }));
}
