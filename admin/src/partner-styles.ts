// Styles of the organisation pages (referrals, network agenda, API keys, webhooks): the Utrecht
// components they add to those in styles.ts, and their own layout on the Utrecht tokens.
import '@utrecht/button-link-css/dist/index.css';
import '@utrecht/code-css/dist/index.css';
import './partner.css';
