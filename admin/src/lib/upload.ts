/**
 * Sends a file to one of the REST import endpoints (`/csv/…`, `/hsds/import…`) with
 * XMLHttpRequest rather than fetch, because only XMLHttpRequest reports upload progress. The
 * session cookie goes along (same origin); the import endpoints accept only `text/csv` or
 * `application/json`, which a form on another site cannot send (CSRF).
 */

export interface UploadProgress {
  /** `uploading` while the body is being sent, then `processing` until the answer arrives. */
  phase: 'uploading' | 'processing';
  loaded: number;
  total: number | null;
}

export interface UploadAnswer {
  status: number;
  /** The answer as JSON; null when it was not JSON. */
  body: unknown;
}

/** The server could not be reached (or the request was cut off): no answer at all. */
export class UploadNetworkError extends TypeError {
  constructor() {
    super('The server could not be reached');
  }
}

export function uploadFile(
  url: string,
  body: Blob | string,
  contentType: string,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.setRequestHeader('Accept', 'application/json');
    const size = typeof body === 'string' ? new Blob([body]).size : body.size;
    onProgress({ phase: 'uploading', loaded: 0, total: size });
    xhr.upload.onprogress = (event) => onProgress({ phase: 'uploading', loaded: event.loaded, total: event.lengthComputable ? event.total : size });
    xhr.upload.onload = () => onProgress({ phase: 'processing', loaded: size, total: size });
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        parsed = null;
      }
      resolve({ status: xhr.status, body: parsed });
    };
    xhr.onerror = () => reject(new UploadNetworkError());
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    if (signal) {
      if (signal.aborted) {
        xhr.abort();
        return;
      }
      signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(body);
  });
}

/** `{ error: { code, message } }`, the REST endpoints' answer for a refused request. */
export function restError(body: unknown): { code: string; message: string } | null {
  if (typeof body !== 'object' || body === null) return null;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return { code: typeof code === 'string' ? code : 'UNKNOWN', message: typeof message === 'string' ? message : '' };
}
