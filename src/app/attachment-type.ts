/**
 * What an application may carry as attachments: PDF, images (PNG, JPEG, TIFF), Office documents (DOCX, XLSX),
 * plain text and CSV, up to 10 MiB. The type is read from the file's own bytes (file-type's signatures), never
 * taken from the client's claim or the name alone; text has no signature, so it must be valid UTF-8 without
 * control characters and named .txt or .csv. Anything else (executables, archives, HTML, SVG …) is refused.
 */
import { fileTypeFromBuffer } from "file-type";

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The accepted types by their MIME name, with the file name endings that go with them. */
export const ACCEPTED_TYPES: Record<string, string[]> = {
  "application/pdf": ["pdf"],
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/tiff": ["tif", "tiff"],
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["docx"],
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["xlsx"],
  "text/plain": ["txt"],
  "text/csv": ["csv"],
};

/** The endings a user may choose (for the file picker's `accept` and the messages). */
export const ACCEPTED_ENDINGS = [...new Set(Object.values(ACCEPTED_TYPES).flat())];

const endingOf = (name: string) => /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? "";

/** A file name as stored: the last path part, no control characters, at most 200 characters; or why not. */
export function cleanFilename(raw: string): { name: string } | { problem: string } {
  const last = raw.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const name = last.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (!name || name === "." || name === "..") return { problem: "give the file's name" };
  if ([...name].length > 200) return { problem: "a file name of at most 200 characters" };
  return { name };
}

function isPlainText(data: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/** The file's type read from its bytes, checked against its name; or why it is refused. */
export async function attachmentType(
  filename: string,
  data: Buffer,
): Promise<{ contentType: string } | { problem: string }> {
  const ending = endingOf(filename);
  const accepted = `accepted: ${ACCEPTED_ENDINGS.join(", ")}`;
  if (data.length === 0) return { problem: "the file is empty" };
  const found = await fileTypeFromBuffer(data);
  if (found) {
    const endings = ACCEPTED_TYPES[found.mime];
    if (!endings) return { problem: `a ${found.ext} file (${found.mime}) is not accepted; ${accepted}` };
    if (!endings.includes(ending))
      return {
        problem: `the file is ${found.ext} but is named .${ending || "(nothing)"}; name it .${endings[0]}`,
      };
    return { contentType: found.mime };
  }
  if ((ending === "txt" || ending === "csv") && isPlainText(data))
    return { contentType: ending === "csv" ? "text/csv" : "text/plain" };
  return {
    problem:
      ending === "txt" || ending === "csv"
        ? "the file is not plain UTF-8 text"
        : `the file's type is not recognised as one accepted (${accepted})`,
  };
}
