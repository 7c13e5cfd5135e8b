import type { Catalog } from './en';

/**
 * French ("vous"). Following French typography, a narrow no-break space (U+202F) precedes "?"
 * and a no-break space (U+00A0) precedes ":", so neither is left alone at the start of a line.
 */
export const fr: Catalog = {
  // Fields
  'field.email.label': 'Adresse e-mail',
  'field.phone.label': 'Numéro de téléphone',
  'field.phone.country': 'Pays ou région',
  'field.code.label': 'Code de vérification',
  'field.code.hint': 'Saisissez le code à {length} chiffres.',

  // Login form
  'login.title.signIn': 'Connexion',
  'login.title.signUp': 'Créez votre compte',
  'login.title.signUpOrIn': 'Connectez-vous ou créez un compte',
  'login.submit.link': 'Recevoir un lien',
  'login.submit.code': 'Recevoir un code',
  'login.submit.call': 'Recevoir un code par appel',
  'login.submit.pending': 'Envoi en cours…',
  'login.method.label': 'Comment souhaitez-vous vous connecter\u202f?',
  'login.method.email.magicLink': 'Lien par e-mail',
  'login.method.sms.magicLink': 'Lien par SMS',
  'login.method.whatsapp.magicLink': 'Lien par WhatsApp',
  'login.method.email.otp': 'Code par e-mail',
  'login.method.sms.otp': 'Code par SMS',
  'login.method.voice.otp': 'Code par appel téléphonique',
  'login.method.whatsapp.otp': 'Code par WhatsApp',

  // "Message sent"
  'sent.title.email': 'Consultez vos e-mails',
  'sent.title.sms': 'Consultez vos messages',
  'sent.title.voice': 'Répondez au téléphone',
  'sent.title.whatsapp': 'Consultez WhatsApp',
  'sent.link': 'Nous avons envoyé un lien à {destination}. Ouvrez-le sur cet appareil pour continuer.',
  'sent.code': 'Nous avons envoyé un code à {destination}.',
  'sent.call': 'Nous appelons le {destination} pour vous dicter un code.',
  'sent.resend': 'Renvoyer',
  'sent.resendIn': 'Renvoyer dans {seconds}',
  'sent.resent': 'Nous l’avons renvoyé.',
  'sent.change.email': 'Utiliser une autre adresse e-mail',
  'sent.change.phone': 'Utiliser un autre numéro de téléphone',
  'code.submit': 'Valider',
  'code.pending': 'Vérification…',
  'code.wrong': 'Ce code est incorrect. Vérifiez-le et réessayez.',
  'code.tooMany': 'Trop de codes incorrects. Demandez-en un nouveau.',
  'code.verified': 'Code accepté.',

  // Verify page
  'verify.title.done': 'Vous êtes connecté',
  'verify.title.failed': 'Ce lien n’a pas fonctionné',
  'verify.title': 'Connexion en cours',
  'verify.verifying': 'Vérification de votre lien…',
  'verify.confirm.title': 'Finalisez votre connexion',
  'verify.confirm.text': 'Pour terminer la connexion sur cet appareil, sélectionnez « Poursuivre la connexion ».',
  'verify.confirm.button': 'Poursuivre la connexion',
  'verify.success': 'Connexion réussie.',
  'verify.expired': 'Ce lien a expiré. Demandez-en un nouveau.',
  'verify.used': 'Ce lien a déjà été utilisé. Demandez-en un nouveau.',
  'verify.invalid': 'Ce lien n’est pas valide. Demandez-en un nouveau.',
  'verify.missing': 'Ce lien est incomplet. Ouvrez le lien complet depuis votre message.',
  'verify.retry': 'Réessayer',

  // Contact updates
  'update.email.title': 'Modifier votre adresse e-mail',
  'update.phone.title': 'Modifier votre numéro de téléphone',
  'update.current': 'Actuellement\u00a0: {value}',
  'update.none': 'aucun',
  'update.email.new': 'Nouvelle adresse e-mail',
  'update.phone.new': 'Nouveau numéro de téléphone',
  'update.submit': 'Continuer',
  'update.done.email': 'Votre adresse e-mail est désormais {value}.',
  'update.done.phone': 'Votre numéro de téléphone est désormais {value}.',
  'update.again': 'Modifier à nouveau',
  'update.signedOut': 'Connectez-vous pour modifier vos coordonnées.',

  // Input refused before sending (ids from the client's InputError)
  'input.email.required': 'Saisissez votre adresse e-mail.',
  'input.phone.required': 'Saisissez votre numéro de téléphone.',
  'input.loginId.required': 'Saisissez votre adresse e-mail ou votre numéro de téléphone.',
  'input.email.invalid': 'Saisissez une adresse e-mail valide, par exemple nom@example.com.',
  'input.phone.invalid': 'Saisissez un numéro de téléphone valide.',
  'input.code.required': 'Saisissez le code.',
  'input.token.required': 'Ce lien est incomplet. Ouvrez le lien complet depuis votre message.',
  'input.method.unsupported': 'Ce mode de connexion n’est pas disponible.',
  'input.refreshJwt.required': 'Reconnectez-vous pour continuer.',
  'input.invalid': 'Vérifiez votre saisie et réessayez.',

  // Errors from the API and the network
  'error.wrongCode': 'Ce code est incorrect. Vérifiez-le et réessayez.',
  'error.tooManyAttempts': 'Trop de codes incorrects. Demandez-en un nouveau.',
  'error.codeExpired': 'Ce code a expiré. Demandez-en un nouveau.',
  'error.userExists': 'Un compte existe déjà avec cet identifiant. Connectez-vous plutôt.',
  'error.userNotFound': 'Aucun compte ne correspond à cet identifiant. Vérifiez-le ou créez un compte.',
  'error.linkExpired': 'Ce lien a expiré. Demandez-en un nouveau.',
  'error.linkUsed': 'Ce lien a déjà été utilisé. Demandez-en un nouveau.',
  'error.linkInvalid': 'Ce lien n’est pas valide. Demandez-en un nouveau.',
  'error.sessionEnded': 'Votre session est terminée. Reconnectez-vous.',
  'error.rateLimited': 'Trop de tentatives. Réessayez dans {seconds}.',
  'error.rateLimitedSoon': 'Trop de tentatives. Patientez un instant, puis réessayez.',
  'error.validation': 'Vérifiez votre saisie et réessayez.',
  'error.network': 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
  'error.timeout': 'Le serveur a mis trop de temps à répondre. Réessayez.',
  'error.server': 'Un problème est survenu de notre côté. Réessayez dans un instant.',
  'error.unknown': 'Un problème est survenu. Réessayez.',
  'session.signedOut': 'Connectez-vous d’abord.',
};
