import { Link as RouterLink, type LinkProps } from 'react-router-dom';

/** A client-side route link that looks like an Utrecht link. */
export function AppLink({ className, ...props }: LinkProps) {
  return <RouterLink className={['utrecht-link', 'utrecht-link--html-a', className].filter(Boolean).join(' ')} {...props} />;
}
