import { Alert, Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A secret the server shows only once (an API key, a webhook signing secret): a clear warning,
 * the secret as selectable text, a copy button whose result is announced, and a button to hide
 * it once stored. Focus moves here when it appears, so screen reader users hear the warning.
 */
export function SecretOnce({ title, warning, label, secret, onDone }: { title: string; warning: string; label: string; secret: string; onDone(): void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const secretId = useId();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  useEffect(() => {
    ref.current?.focus();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      // No clipboard (permission, insecure origin): select the text so Ctrl+C works.
      const range = document.createRange();
      const element = document.getElementById(secretId);
      if (element) {
        range.selectNodeContents(element);
        window.getSelection()?.removeAllRanges();
        window.getSelection()?.addRange(range);
      }
      setCopied('no');
    }
  }

  return (
    <div ref={ref} tabIndex={-1} className="app-secret" aria-labelledby={`${secretId}-title`} role="region">
      <Alert type="warning">
        <Heading2 id={`${secretId}-title`}>{title}</Heading2>
        <Paragraph>
          <strong>{warning}</strong>
        </Paragraph>
        <Paragraph className="app-secret__label" id={`${secretId}-label`}>
          {label}
        </Paragraph>
        <code id={secretId} className="app-secret__value" translate="no">
          {secret}
        </code>
        <ButtonGroup>
          <Button appearance="primary-action-button" onClick={() => void copy()}>
            {t('secret.copy')}
          </Button>
          <Button appearance="secondary-action-button" onClick={onDone}>
            {t('secret.done')}
          </Button>
        </ButtonGroup>
        <p className="app-secret__status" role="status" aria-live="polite">
          {copied === 'yes' ? t('secret.copied') : copied === 'no' ? t('secret.copyFailed') : ''}
        </p>
      </Alert>
    </div>
  );
}
