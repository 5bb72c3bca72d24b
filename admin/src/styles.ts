// NL Design System: the Utrecht design tokens (the `utrecht-theme` class on <html>) and the
// CSS of every Utrecht component the app renders, bundled by Vite into one stylesheet
// (no inline styles, so the production Content-Security-Policy `default-src 'self'` holds).
import '@utrecht/design-tokens/dist/index.css';
import '@utrecht/document-css/dist/index.css';
import '@utrecht/page-css/dist/index.css';
import '@utrecht/page-header-css/dist/index.css';
import '@utrecht/page-content-css/dist/index.css';
import '@utrecht/page-footer-css/dist/index.css';
import '@utrecht/skip-link-css/dist/index.css';
import '@utrecht/nav-bar-css/dist/index.css';
import '@utrecht/nav-list-css/dist/index.css';
import '@utrecht/breadcrumb-nav-css/dist/index.css';
import '@utrecht/heading-1-css/dist/index.css';
import '@utrecht/heading-2-css/dist/index.css';
import '@utrecht/heading-3-css/dist/index.css';
import '@utrecht/paragraph-css/dist/index.css';
import '@utrecht/link-css/dist/index.css';
import '@utrecht/button-css/dist/index.css';
import '@utrecht/button-group-css/dist/index.css';
import '@utrecht/form-field-css/dist/index.css';
import '@utrecht/form-label-css/dist/index.css';
import '@utrecht/form-field-description-css/dist/index.css';
import '@utrecht/form-field-error-message-css/dist/index.css';
import '@utrecht/form-fieldset-css/dist/index.css';
import '@utrecht/textbox-css/dist/index.css';
import '@utrecht/textarea-css/dist/index.css';
import '@utrecht/select-css/dist/index.css';
import '@utrecht/table-css/dist/index.css';
import '@utrecht/alert-css/dist/index.css';
import '@utrecht/unordered-list-css/dist/index.css';
import '@utrecht/ordered-list-css/dist/index.css';
import '@utrecht/data-list-css/dist/index.css';
import '@utrecht/status-badge-css/dist/index.css';
import './app.css';
