/* ens-error-catalogue.c
 *
 * Copyright 2026 The ENS Image Share authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <https://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "ens-error.h"

/*
 * The error catalogue: one entry per API code the ENS gateway is known to
 * send (ens-api.md §3.2 and §4.2), one per category that has no API code
 * (network, TLS, …), one for cancellation and a generic entry for
 * everything else.  The strings are written for someone who has never
 * heard of an HTTP status: a heading, what happened, what to do next.
 */

#define API(code, category, retry, title, explanation, action) \
  { code, category, retry, title, explanation, action }
#define TRANSPORT(category, retry, title, explanation, action) \
  { NULL, category, retry, title, explanation, action }

static const EnsErrorEntry catalogue[] = {
  /* Permission */
  API ("NoPermission", ENS_ERROR_PERMISSION, FALSE,
       N_("You Don’t Have Permission"),
       N_("Alibaba Cloud refused the request because the AccessKey you use belongs to a user who is not allowed to do this."),
       N_("Ask the owner of the Alibaba Cloud account to grant your RAM user the ens:ModifyImageSharePermission permission.")),
  API ("Forbidden", ENS_ERROR_PERMISSION, FALSE,
       N_("Access Denied"),
       N_("Alibaba Cloud refused the request because the AccessKey you use is not allowed to do this."),
       N_("Ask the owner of the Alibaba Cloud account to grant your RAM user the ens:ModifyImageSharePermission, ens:DescribeImageSharePermission and ens:DescribeImages permissions.")),
  API ("Forbidden.RAM", ENS_ERROR_PERMISSION, FALSE,
       N_("Your RAM User Is Not Allowed to Do This"),
       N_("Alibaba Cloud refused the request because the RAM user whose AccessKey you use has not been given permission for this action."),
       N_("Ask the owner of the Alibaba Cloud account to grant your RAM user the ens:ModifyImageSharePermission, ens:DescribeImageSharePermission and ens:DescribeImages permissions.")),

  /* ENS service failures reported with HTTP 400 */
  API ("CallInterface", ENS_ERROR_SERVER, FALSE,
       N_("The ENS Service Had an Internal Problem"),
       N_("The ENS service could not finish the request because one of its own internal services failed. Nothing is wrong with your settings."),
       N_("Try again in a few minutes. If it keeps happening, contact Alibaba Cloud support and give them the request ID shown in the technical details.")),
  API ("ens.interface.error", ENS_ERROR_SERVER, FALSE,
       N_("The ENS Service Reported an Error"),
       N_("The ENS service ran into an error of its own while handling the request. Nothing is wrong with your settings."),
       N_("Try again in a few minutes. If it keeps happening, contact Alibaba Cloud support and give them the request ID shown in the technical details.")),
  API ("InvalidImageType.NotSupported", ENS_ERROR_INVALID_PARAMETER, FALSE,
       N_("This Image Cannot Be Shared"),
       N_("Only custom images that you created yourself can be shared. Public images, and images that others shared with you, cannot be shared again."),
       N_("Choose one of your own custom images (its owner is shown as “self”) and try again.")),

  /* Signature */
  API ("SignatureDoesNotMatch", ENS_ERROR_SIGNATURE, FALSE,
       N_("The Request Could Not Be Verified"),
       N_("Alibaba Cloud could not verify the signature of the request. Most often this means that the AccessKey secret is wrong."),
       N_("Enter the AccessKey secret again, copying it exactly from the Alibaba Cloud console, without spaces.")),
  API ("IncompleteSignature", ENS_ERROR_SIGNATURE, FALSE,
       N_("The Request Was Not Signed Correctly"),
       N_("Alibaba Cloud says that the signature of the request is incomplete. This is a problem in ENS Image Share, not in your settings."),
       N_("Please report this problem to the ENS Image Share developers and include the request ID shown in the technical details.")),
  API ("MissingSignatureNonce", ENS_ERROR_SIGNATURE, FALSE,
       N_("The Request Was Incomplete"),
       N_("Alibaba Cloud refused the request because it was sent without the one-time number that every signed request must carry. This is a problem in ENS Image Share, not in the image ID, the account IDs or your settings."),
       N_("Try again. If it keeps happening, please report it to the ENS Image Share developers and include the request ID shown in the technical details.")),
  API ("SignatureNonceUsed", ENS_ERROR_SIGNATURE, FALSE,
       N_("The Request Was Sent Twice"),
       N_("Alibaba Cloud refused the request because it looked like a copy of a request that was already sent."),
       N_("Try again. If it keeps happening, please report it to the ENS Image Share developers.")),

  /* AccessKey */
  API ("InvalidAccessKeyId", ENS_ERROR_AUTH, FALSE,
       N_("The AccessKey ID Is Not Valid"),
       N_("Alibaba Cloud does not recognize the AccessKey ID saved for this account."),
       N_("Check the AccessKey ID in the account settings. Copy it again from the Alibaba Cloud console, without spaces.")),
  API ("InvalidAccessKeyId.NotFound", ENS_ERROR_AUTH, FALSE,
       N_("The AccessKey ID Was Not Found"),
       N_("Alibaba Cloud has no AccessKey with the ID saved for this account. It may have been mistyped, or the AccessKey was deleted."),
       N_("Copy the AccessKey ID again from the AccessKey page of the Alibaba Cloud console, or create a new AccessKey and enter it in the account settings.")),
  API ("InvalidAccessKeyId.Inactive", ENS_ERROR_AUTH, FALSE,
       N_("The AccessKey Is Disabled"),
       N_("The AccessKey saved for this account has been disabled in the Alibaba Cloud console."),
       N_("Enable the AccessKey again in the Alibaba Cloud console, or create a new one and enter it in the account settings.")),
  API ("Forbidden.AccessKeyDisabled", ENS_ERROR_AUTH, FALSE,
       N_("The AccessKey Is Switched Off"),
       N_("Alibaba Cloud refused the request because the AccessKey saved for this account has been switched off."),
       N_("Ask the owner of the Alibaba Cloud account to enable the AccessKey again, or create a new one and enter it in the account settings.")),

  /* Clock */
  API ("InvalidTimeStamp.Expired", ENS_ERROR_CLOCK, FALSE,
       N_("This Computer’s Clock Is Wrong"),
       N_("Alibaba Cloud refused the request because the date or time on this computer is too far from the real time. Requests are only accepted when the clock is right to within a few minutes."),
       N_("Open the date and time settings of this computer, choose to set the date and time automatically, and check the time zone. Then try again.")),
  API ("InvalidTimeStamp.Format", ENS_ERROR_CLOCK, FALSE,
       N_("The Request Time Was Not Understood"),
       N_("Alibaba Cloud could not read the time sent with the request. This is a problem in ENS Image Share, not in your settings."),
       N_("Please report this problem to the ENS Image Share developers and include the request ID shown in the technical details.")),

  /* Parameters */
  API ("MissingParameter", ENS_ERROR_INVALID_PARAMETER, FALSE,
       N_("Some Information Was Missing"),
       N_("Alibaba Cloud refused the request because a value it needs was missing."),
       N_("Check that the image ID and the account IDs are filled in, then try again. If it keeps happening, please report it to the ENS Image Share developers.")),
  API ("InvalidParameter", ENS_ERROR_INVALID_PARAMETER, FALSE,
       N_("A Value Was Not Accepted"),
       N_("Alibaba Cloud did not accept one of the values in the request, such as the image ID or an account ID."),
       N_("Check the image ID and the account IDs for typing mistakes, then try again.")),

  /* Wrong endpoint or API */
  API ("InvalidApi.NotFound", ENS_ERROR_NOT_FOUND, FALSE,
       N_("The Server Does Not Know This Request"),
       N_("The server did not recognize the request. The endpoint set for this account may not be an ENS endpoint."),
       N_("In the account settings, set the endpoint to https://ens.aliyuncs.com or to the ENS endpoint of your region.")),
  API ("InvalidAction.NotFound", ENS_ERROR_NOT_FOUND, FALSE,
       N_("The Action Is Not Available"),
       N_("The server does not offer the action that was requested. The endpoint set for this account may not be an ENS endpoint."),
       N_("In the account settings, set the endpoint to https://ens.aliyuncs.com or to the ENS endpoint of your region.")),
  API ("InvalidProduct.NotFound", ENS_ERROR_NOT_FOUND, FALSE,
       N_("Wrong Service Address"),
       N_("The endpoint set for this account belongs to another Alibaba Cloud product, not to ENS."),
       N_("In the account settings, set the endpoint to https://ens.aliyuncs.com or to the ENS endpoint of your region.")),
  API ("InvalidVersion", ENS_ERROR_NOT_FOUND, FALSE,
       N_("The Server Does Not Accept This Version"),
       N_("The server does not accept the version of the ENS interface that ENS Image Share uses. The endpoint may not be an ENS endpoint."),
       N_("Check the endpoint in the account settings. If it is right, please report this problem to the ENS Image Share developers.")),
  API ("InvalidProtocol.NeedSsl", ENS_ERROR_INSECURE, FALSE,
       N_("A Secure Connection Is Required"),
       N_("Alibaba Cloud only accepts this request over a secure (HTTPS) connection."),
       N_("In the account settings, change the endpoint so that it starts with https://.")),

  /* Throttling */
  API ("Throttling", ENS_ERROR_THROTTLED, TRUE,
       N_("Too Many Requests"),
       N_("Alibaba Cloud is limiting how often requests can be sent and asked ENS Image Share to slow down."),
       N_("Wait a minute, then try again.")),
  API ("Throttling.User", ENS_ERROR_THROTTLED, TRUE,
       N_("Too Many Requests From Your Account"),
       N_("Your Alibaba Cloud account sent more requests in a short time than it is allowed to."),
       N_("Wait a minute, then try again. Other tools that use the same account may be sending requests too.")),
  API ("Throttling.Api", ENS_ERROR_THROTTLED, TRUE,
       N_("This Action Is Busy"),
       N_("Too many requests for this action reached Alibaba Cloud in a short time."),
       N_("Wait a minute, then try again.")),

  /* Temporary (STS) credentials */
  API ("InvalidSecurityToken.Expired", ENS_ERROR_TOKEN, FALSE,
       N_("The Temporary AccessKey Has Expired"),
       N_("The security token saved with this account was only valid for a limited time, and that time is over."),
       N_("Get a new temporary AccessKey ID, secret and security token, and enter them in the account settings.")),
  API ("InvalidSecurityToken.Malformed", ENS_ERROR_TOKEN, FALSE,
       N_("The Security Token Is Damaged"),
       N_("Alibaba Cloud could not read the security token saved with this account. Part of it may be missing."),
       N_("Copy the whole security token again and enter it in the account settings.")),
  API ("InvalidSecurityToken.MismatchWithAccessKey", ENS_ERROR_TOKEN, FALSE,
       N_("The Security Token Does Not Match"),
       N_("The security token saved with this account was issued for a different AccessKey ID."),
       N_("Enter the AccessKey ID, secret and security token that were issued together.")),
  API ("MissingSecurityToken", ENS_ERROR_TOKEN, FALSE,
       N_("A Security Token Is Needed"),
       N_("This AccessKey is temporary (its ID starts with “STS.”) and only works together with its security token."),
       N_("Enter the security token that came with the temporary AccessKey in the account settings.")),

  /* Server */
  API ("InternalError", ENS_ERROR_SERVER, TRUE,
       N_("Alibaba Cloud Had a Problem"),
       N_("An unexpected error happened on the Alibaba Cloud server. The request may not have been carried out."),
       N_("Try again in a few minutes. If it keeps happening, contact Alibaba Cloud support and give them the request ID shown in the technical details.")),
  API ("ServiceUnavailable", ENS_ERROR_SERVER, TRUE,
       N_("The Service Is Temporarily Unavailable"),
       N_("The ENS service is busy or under maintenance and could not take the request."),
       N_("Try again in a few minutes.")),

  /* Image */
  API ("InvalidImageId.NotFound", ENS_ERROR_NOT_FOUND, FALSE,
       N_("Image Not Found"),
       N_("No image with this ID was found for the selected Alibaba Cloud account."),
       N_("Check the image ID for typing mistakes, and make sure the selected account is the one that owns the image.")),

  /* Categories without an API code */
  TRANSPORT (ENS_ERROR_NETWORK, TRUE,
             N_("Cannot Connect"),
             N_("ENS Image Share could not reach the Alibaba Cloud server."),
             N_("Check that this computer is connected to the internet and that the proxy settings are right, then try again.")),
  TRANSPORT (ENS_ERROR_DNS, FALSE,
             N_("Server Name Not Found"),
             N_("The address of the Alibaba Cloud server could not be looked up. This computer may be offline, or the endpoint may be mistyped."),
             N_("Check the internet connection and the endpoint in the account settings, then try again.")),
  TRANSPORT (ENS_ERROR_TLS, FALSE,
             N_("Secure Connection Failed"),
             N_("The identity of the server could not be confirmed, so the connection was stopped to protect your AccessKey."),
             N_("Check that the date and time of this computer are right and that the endpoint is correct. On a company network, ask your administrator whether a proxy is inspecting secure connections.")),
  TRANSPORT (ENS_ERROR_TIMEOUT, TRUE,
             N_("The Server Did Not Answer in Time"),
             N_("The connection to Alibaba Cloud was too slow or stopped responding."),
             N_("Check the internet connection, then try again.")),
  TRANSPORT (ENS_ERROR_INVALID_RESPONSE, FALSE,
             N_("Unexpected Answer From the Server"),
             N_("The server sent back something that is not an answer from the ENS service. A proxy, a firewall or a wrong endpoint may be in the way."),
             N_("Check the endpoint in the account settings and try again. If it keeps happening, please report it with the technical details.")),
  TRANSPORT (ENS_ERROR_INSECURE, FALSE,
             N_("The Connection Would Not Be Secure"),
             N_("The endpoint starts with “http://”, so your requests would travel over the network unencrypted. ENS Image Share does not send them that way."),
             N_("In the account settings, change the endpoint so that it starts with https://.")),
  TRANSPORT (ENS_ERROR_KEYRING, FALSE,
             N_("Cannot Open the Keyring"),
             N_("The AccessKey secret is kept in your keyring (the password storage of your desktop), but the keyring could not be opened or did not answer."),
             N_("Make sure the keyring is unlocked, for example by logging out and in again, then try again.")),
  TRANSPORT (ENS_ERROR_NO_CREDENTIALS, FALSE,
             N_("No Account Set Up"),
             N_("ENS Image Share needs an Alibaba Cloud AccessKey to send requests, and none has been entered yet."),
             N_("Add an account with your AccessKey ID and secret, then try again.")),
  TRANSPORT (ENS_ERROR_INVALID_INPUT, FALSE,
             N_("Please Check What You Entered"),
             N_("Some of what was entered is not valid, so nothing was sent."),
             N_("Correct the marked fields, then try again.")),
  TRANSPORT (ENS_ERROR_SERVER, TRUE,
             N_("Alibaba Cloud Server Error"),
             N_("The Alibaba Cloud server failed while handling the request and did not say why."),
             N_("Try again in a few minutes.")),
  TRANSPORT (ENS_ERROR_STORAGE, FALSE,
             N_("Cannot Write the History"),
             N_("Every change is written to the history before it is sent, and the history file could not be written, so nothing was sent. The disk may be full or read-only, or another program may be holding the file."),
             N_("Free some disk space or check the permissions of the folder named in the technical details, then try again.")),

  /* Cancellation (G_IO_ERROR_CANCELLED); must stay second to last */
  TRANSPORT (ENS_ERROR_FAILED, FALSE,
             N_("Cancelled"),
             N_("The operation was stopped before it finished."),
             N_("Start it again when you are ready.")),

  /* Everything else; must stay last */
  TRANSPORT (ENS_ERROR_FAILED, FALSE,
             N_("Something Went Wrong"),
             N_("An unexpected problem stopped the request."),
             N_("Try again later. If it keeps happening, contact Alibaba Cloud support and give them the request ID shown in the technical details.")),
};

#undef API
#undef TRANSPORT

#define CANCELLED_ENTRY (&catalogue[G_N_ELEMENTS (catalogue) - 2])
#define GENERIC_ENTRY   (&catalogue[G_N_ELEMENTS (catalogue) - 1])

/* Code families: a code that is not listed itself but starts with one of
 * these takes the entry of the family.  "Missing" must be followed by an
 * upper-case letter (MissingImageId, MissingAddAccounts). */
static const struct
{
  const char *prefix;
  const char *entry_code;
  gboolean    needs_upper;
} prefixes[] = {
  { "Throttling.", "Throttling", FALSE },
  { "InvalidParameter.", "InvalidParameter", FALSE },
  { "MissingParameter.", "MissingParameter", FALSE },
  { "InvalidAccessKeyId.", "InvalidAccessKeyId", FALSE },
  { "Forbidden.AccessKey", "Forbidden.AccessKeyDisabled", FALSE },
  { "Missing", "MissingParameter", TRUE },
};

/* Other names of a permission refusal, which take the "Forbidden" entry. */
static const char * const forbidden_aliases[] = {
  "Forbidden.NotEnoughPermission",
  "OperationDenied",
};

static const EnsErrorEntry *
lookup_exact (const char *api_code,
              gboolean    ignore_case)
{
  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    {
      const char *code = catalogue[i].api_code;

      if (code == NULL)
        continue;

      if (ignore_case ? g_ascii_strcasecmp (code, api_code) == 0
                      : strcmp (code, api_code) == 0)
        return &catalogue[i];
    }

  return NULL;
}

/**
 * ens_error_catalogue_lookup:
 * @api_code: (nullable): an API error code such as "NoPermission"
 *
 * Finds the catalogue entry for @api_code: an exact match first, then the
 * same code in another letter case, then a code family such as
 * "Throttling.*", "InvalidParameter.*" or "Missing<Name>".
 *
 * Returns: (transfer none): the entry; the generic entry when the code is
 *   %NULL or unknown (never %NULL)
 */
const EnsErrorEntry *
ens_error_catalogue_lookup (const char *api_code)
{
  const EnsErrorEntry *entry;

  if (api_code == NULL || api_code[0] == '\0')
    return GENERIC_ENTRY;

  if ((entry = lookup_exact (api_code, FALSE)) != NULL ||
      (entry = lookup_exact (api_code, TRUE)) != NULL)
    return entry;

  for (guint i = 0; i < G_N_ELEMENTS (forbidden_aliases); i++)
    if (g_ascii_strcasecmp (api_code, forbidden_aliases[i]) == 0)
      return lookup_exact ("Forbidden", FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize len = strlen (prefixes[i].prefix);

      if (strncmp (api_code, prefixes[i].prefix, len) != 0)
        continue;

      if (prefixes[i].needs_upper && !g_ascii_isupper (api_code[len]))
        continue;

      if (!prefixes[i].needs_upper && api_code[len] == '\0')
        continue;

      entry = lookup_exact (prefixes[i].entry_code, FALSE);
      g_assert (entry != NULL);
      return entry;
    }

  return GENERIC_ENTRY;
}

/**
 * ens_error_catalogue_lookup_answer:
 * @api_code: (nullable): the "Code" of an error answer
 * @http_status: its HTTP status
 *
 * Like ens_error_catalogue_lookup(), but a code it does not know (or no
 * code) sent with HTTP 403 is a permission refusal: the "Forbidden" entry.
 *
 * Returns: (transfer none): the entry (never %NULL)
 */
const EnsErrorEntry *
ens_error_catalogue_lookup_answer (const char *api_code,
                                   guint       http_status)
{
  const EnsErrorEntry *entry = ens_error_catalogue_lookup (api_code);

  if (entry == GENERIC_ENTRY && http_status == 403)
    return lookup_exact ("Forbidden", FALSE);

  return entry;
}

static const EnsErrorEntry *
lookup_category (EnsError category)
{
  const EnsErrorEntry *fallback = NULL;

  if (category == ENS_ERROR_FAILED)
    return GENERIC_ENTRY;

  /* The entry without an API code is the one for the category; a category
   * that only has API entries (AUTH, PERMISSION, …) takes its first one. */
  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    {
      const EnsErrorEntry *entry = &catalogue[i];

      if (entry == CANCELLED_ENTRY || entry == GENERIC_ENTRY ||
          entry->category != category)
        continue;

      if (entry->api_code == NULL)
        return entry;

      if (fallback == NULL)
        fallback = entry;
    }

  return fallback != NULL ? fallback : GENERIC_ENTRY;
}

/**
 * ens_error_catalogue_lookup_error:
 * @error: (nullable): any error
 *
 * Finds the entry that explains @error: by API code for an API error, by
 * category for the other ENS errors, the cancellation entry for
 * %G_IO_ERROR_CANCELLED and the generic entry for anything else.
 *
 * Returns: (transfer none): the entry (never %NULL)
 */
const EnsErrorEntry *
ens_error_catalogue_lookup_error (const GError *error)
{
  const char *api_code;

  if (error == NULL)
    return GENERIC_ENTRY;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return CANCELLED_ENTRY;

  if (error->domain != ENS_ERROR)
    return GENERIC_ENTRY;

  api_code = ens_error_get_api_code (error);
  if (api_code != NULL && api_code[0] != '\0')
    return ens_error_catalogue_lookup_answer (api_code, ens_error_get_http_status (error));

  /* A 403 answer without a code (ens_error_new_api()). */
  if (error->code == ENS_ERROR_PERMISSION && ens_error_get_http_status (error) == 403)
    return ens_error_catalogue_lookup_answer (NULL, 403);

  return lookup_category ((EnsError) error->code);
}

/**
 * ens_error_catalogue_get_all:
 * @n_entries: (out): the number of entries
 *
 * Returns: (transfer none) (array length=n_entries): every entry
 */
const EnsErrorEntry *
ens_error_catalogue_get_all (guint *n_entries)
{
  g_return_val_if_fail (n_entries != NULL, NULL);

  *n_entries = G_N_ELEMENTS (catalogue);

  return catalogue;
}

static gboolean
http_status_is_retryable (guint status)
{
  return status == 408 || status == 429 || status == 500 ||
         status == 502 || status == 503 || status == 504;
}

/**
 * ens_error_is_retryable:
 * @error: an error
 *
 * Whether sending the same request again later may succeed: throttling,
 * server failures, network problems and time-outs.  Errors about the
 * AccessKey, the signature, permissions or the values sent never are.
 *
 * Returns: %TRUE if the request may be retried
 */
gboolean
ens_error_is_retryable (const GError *error)
{
  const EnsErrorEntry *entry;

  g_return_val_if_fail (error != NULL, FALSE);

  if (error->domain != ENS_ERROR)
    return FALSE;

  entry = ens_error_catalogue_lookup_error (error);
  if (entry->retryable)
    return TRUE;

  /* An error code we do not know, sent with a status that says "busy" or
   * "server failure", is worth another try. */
  if (entry == GENERIC_ENTRY)
    return http_status_is_retryable (ens_error_get_http_status (error));

  return FALSE;
}

/* Finds @needle in @haystack ignoring ASCII case; returns the position in
 * @haystack just after it, or NULL. */
static const char *
find_after (const char *haystack,
            const char *needle)
{
  g_autofree char *lower = g_ascii_strdown (haystack, -1);
  g_autofree char *lower_needle = g_ascii_strdown (needle, -1);
  const char *found = strstr (lower, lower_needle);

  if (found == NULL)
    return NULL;

  return haystack + (found - lower) + strlen (needle);
}

/* The last word of @s (after the last space or newline): the hex digest of
 * a V3 string-to-sign. */
static char *
last_word (const char *s)
{
  g_autofree char *copy = g_strstrip (g_strdup (s));
  const char *start = copy;

  for (const char *p = copy; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      start = p + 1;

  return g_strdup (start);
}

/**
 * ens_error_diagnose_signature:
 * @error: an error
 *
 * For a SignatureDoesNotMatch error, compares the string-to-sign the
 * server computed (quoted in its Message, "server string to sign is:…" for
 * signature V1 and "server StringToSign is [ACS3-HMAC-SHA256 <hex>]" for
 * V3) with the one this app signed (ens_error_get_client_string_to_sign()).
 * Equal strings mean the request was built right and the secret is wrong;
 * different strings mean the app built the request wrongly.
 *
 * Returns: the diagnosis; %ENS_SIGNATURE_DIAGNOSIS_UNKNOWN when @error is
 *   not a signature mismatch or one of the strings is missing
 */
EnsSignatureDiagnosis
ens_error_diagnose_signature (const GError *error)
{
  const char *message;
  const char *ours;
  const char *server;
  g_autofree char *theirs = NULL;
  g_autofree char *mine = NULL;

  g_return_val_if_fail (error != NULL, ENS_SIGNATURE_DIAGNOSIS_UNKNOWN);

  if (g_strcmp0 (ens_error_get_api_code (error), "SignatureDoesNotMatch") != 0)
    return ENS_SIGNATURE_DIAGNOSIS_UNKNOWN;

  message = ens_error_get_api_message (error);
  ours = ens_error_get_client_string_to_sign (error);
  if (message == NULL || ours == NULL || ours[0] == '\0')
    return ENS_SIGNATURE_DIAGNOSIS_UNKNOWN;

  if ((server = find_after (message, "server string to sign is:")) != NULL)
    {
      /* V1: the rest of the message is the server's string to sign. */
      theirs = g_strstrip (g_strdup (server));
      mine = g_strstrip (g_strdup (ours));
    }
  else if ((server = find_after (message, "server StringToSign is")) != NULL)
    {
      /* V3: "[ACS3-HMAC-SHA256 <hex>]"; ours is "ACS3-HMAC-SHA256\n<hex>".
       * The algorithm names are the same by construction: compare the
       * digests. */
      const char *open = strchr (server, '[');
      const char *close = open != NULL ? strchr (open, ']') : NULL;
      g_autofree char *inside = NULL;

      if (open == NULL || close == NULL)
        return ENS_SIGNATURE_DIAGNOSIS_UNKNOWN;

      inside = g_strndup (open + 1, close - open - 1);
      theirs = last_word (inside);
      mine = last_word (ours);
    }
  else
    {
      return ENS_SIGNATURE_DIAGNOSIS_UNKNOWN;
    }

  if (theirs[0] == '\0')
    return ENS_SIGNATURE_DIAGNOSIS_UNKNOWN;

  if (strcmp (theirs, mine) == 0)
    return ENS_SIGNATURE_DIAGNOSIS_WRONG_SECRET;

  return ENS_SIGNATURE_DIAGNOSIS_DEFECT;
}

static char *
tr (const char *msgid)
{
  return g_strdup (g_dgettext (GETTEXT_PACKAGE, msgid));
}

/**
 * ens_error_describe:
 * @error: any error
 * @title: (out) (optional): a short heading
 * @explanation: (out) (optional): what happened
 * @action: (out) (optional): what to do next
 *
 * Explains @error in translated words for a non-technical reader.  For an
 * unknown API code the explanation still names the code and quotes the
 * server's message; a SignatureDoesNotMatch error is explained according
 * to ens_error_diagnose_signature().
 */
void
ens_error_describe (const GError  *error,
                    char         **title,
                    char         **explanation,
                    char         **action)
{
  const EnsErrorEntry *entry;
  const char *api_code;
  const char *api_message;
  const char *request_id;
  g_autofree char *t = NULL;
  g_autofree char *e = NULL;
  g_autofree char *a = NULL;

  g_return_if_fail (error != NULL);

  entry = ens_error_catalogue_lookup_error (error);
  api_code = ens_error_get_api_code (error);
  api_message = ens_error_get_api_message (error);
  request_id = ens_error_get_request_id (error);

  t = tr (entry->title);
  e = tr (entry->explanation);
  a = tr (entry->action);

  if (entry->api_code != NULL &&
      strcmp (entry->api_code, "SignatureDoesNotMatch") == 0)
    {
      switch (ens_error_diagnose_signature (error))
        {
        case ENS_SIGNATURE_DIAGNOSIS_WRONG_SECRET:
          g_free (t);
          g_free (e);
          g_free (a);
          t = tr (N_("The AccessKey Secret Is Wrong"));
          e = tr (N_("The request was put together correctly, but Alibaba Cloud could not verify it with the AccessKey secret saved for this account. The secret does not belong to this AccessKey ID."));
          a = tr (N_("Enter the AccessKey secret again in the account settings. Copy it exactly from where you saved it when the AccessKey was created, and check that no spaces or line breaks came with it."));
          break;

        case ENS_SIGNATURE_DIAGNOSIS_DEFECT:
          g_free (t);
          g_free (e);
          g_free (a);
          t = tr (N_("ENS Image Share Signed the Request Wrongly"));
          e = tr (N_("Alibaba Cloud could not verify the request because ENS Image Share put it together differently from what the server expects. This is a problem in ENS Image Share, not in your settings."));
          if (request_id != NULL)
            /* Translators: %s is a request ID such as 701B3BB9-9190-544D-90D1-328B0527380C */
            a = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, N_("Please report this problem to the ENS Image Share developers and include the request ID %s.")),
                                 request_id);
          else
            a = tr (N_("Please report this problem to the ENS Image Share developers and include the technical details."));
          break;

        case ENS_SIGNATURE_DIAGNOSIS_UNKNOWN:
        default:
          break;
        }
    }
  else if (entry == GENERIC_ENTRY && error->domain == ENS_ERROR &&
           api_code != NULL && api_code[0] != '\0')
    {
      g_free (e);
      if (api_message != NULL && api_message[0] != '\0')
        /* Translators: the first %s is an error code such as
         * "Forbidden.Risk", the second the server's message, in English */
        e = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, N_("Alibaba Cloud refused the request with the error code “%s”. The server said: “%s”")),
                             api_code, api_message);
      else
        /* Translators: %s is an error code such as "Forbidden.Risk" */
        e = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, N_("Alibaba Cloud refused the request with the error code “%s”.")),
                             api_code);
    }
  else if (entry == GENERIC_ENTRY && error->domain == ENS_ERROR &&
           ens_error_get_http_status (error) != 0)
    {
      g_free (e);
      /* Translators: %u is an HTTP status such as 403 */
      e = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, N_("Alibaba Cloud refused the request (HTTP status %u) without saying why.")),
                           ens_error_get_http_status (error));
    }
  else if (entry == GENERIC_ENTRY && error->message != NULL &&
           error->message[0] != '\0')
    {
      g_free (e);
      /* Translators: %s is a technical error message */
      e = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, N_("An unexpected problem stopped the request: %s")),
                           error->message);
    }
  else if (entry->category == ENS_ERROR_PERMISSION &&
           ens_error_get_access_denied (error) != NULL)
    {
      g_autofree char *base = g_steal_pointer (&e);

      /* The answer named the missing permission: say which, and point at
       * the policy the dialog and the command line offer to copy. */
      /* Translators: the first %s is an explanation, the second a RAM
       * action such as "ens:ModifyImageSharePermission" */
      e = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, N_("%s The permission that is missing is “%s”.")),
                           base, ens_error_get_access_denied (error)->action);
      g_free (a);
      a = tr (N_("Ask the administrator of the Alibaba Cloud account to give your RAM user this permission. The RAM policy below grants only what ENS Image Share needs: copy it and send it to them."));
    }
  else if (entry->category == ENS_ERROR_INVALID_PARAMETER &&
           g_strcmp0 (entry->api_code, "InvalidImageType.NotSupported") != 0 &&
           api_message != NULL && api_message[0] != '\0')
    {
      g_autofree char *base = g_steal_pointer (&e);

      /* The server's message names the value it refused. */
      /* Translators: the first %s is an explanation, the second the
       * server's message, in English */
      e = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, N_("%s The server said: “%s”")),
                           base, api_message);
    }
  else if (error->domain == ENS_ERROR &&
           error->code == ENS_ERROR_INVALID_INPUT &&
           api_code == NULL && error->message != NULL &&
           error->message[0] != '\0' &&
           strcmp (error->message, t) != 0)
    {
      /* Input errors carry a message that names the problem. */
      g_free (e);
      e = g_strdup (error->message);
    }

  if (title != NULL)
    *title = g_steal_pointer (&t);
  if (explanation != NULL)
    *explanation = g_steal_pointer (&e);
  if (action != NULL)
    *action = g_steal_pointer (&a);
}
