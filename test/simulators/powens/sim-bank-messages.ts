import type { ConnectionState } from './sim-types';

/** What the bank tells the user in each error state (`error_message`). */
const BANK_MESSAGES: Record<Exclude<ConnectionState, null>, string> = {
  SCARequired: 'Veuillez confirmer votre identité auprès de votre banque.',
  webauthRequired: 'Une authentification sur le site de votre banque est nécessaire.',
  additionalInformationNeeded: 'Saisissez le code reçu par SMS.',
  decoupled: "Validez l'accès dans l'application de votre banque.",
  validating: 'Validation en cours.',
  actionNeeded: 'Acceptez les nouvelles conditions générales sur le site de votre banque.',
  passwordExpired: 'Votre mot de passe a expiré, changez-le sur le site de votre banque.',
  wrongpass: 'Identifiant ou mot de passe incorrect.',
  rateLimiting: 'Votre banque limite temporairement les accès.',
  websiteUnavailable: 'Le site de votre banque est indisponible.',
  bug: 'Une erreur interne est survenue.',
};

export function bankMessage(state: ConnectionState): string | null {
  return state === null ? null : BANK_MESSAGES[state];
}
