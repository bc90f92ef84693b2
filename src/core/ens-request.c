/* ens-request.c
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

#include <glib/gi18n-lib.h>

#include "ens-credentials.h"
#include "ens-encode.h"
#include "ens-error.h"
#include "ens-input.h"
#include "ens-request.h"
#include "ens-signer.h"

#define FORM_CONTENT_TYPE "application/x-www-form-urlencoded"

struct _EnsRequest
{
  gatomicrefcount  ref_count;
  char            *action;
  char            *version;     /* NULL: ENS_API_VERSION */
  char            *endpoint;    /* NULL: the client's endpoint */
  /* Parameter name → value, both plain UTF-8 (not encoded). */
  GHashTable      *params;
};

struct _EnsSignedRequest
{
  gatomicrefcount     ref_count;
  char               *method;
  char               *url;
  GUri               *uri;
  SoupMessageHeaders *headers;
  GBytes             *body;
  char               *content_type;
  char               *string_to_sign;
};

G_DEFINE_BOXED_TYPE (EnsRequest, ens_request, ens_request_ref, ens_request_unref)
G_DEFINE_BOXED_TYPE (EnsSignedRequest, ens_signed_request, ens_signed_request_ref, ens_signed_request_unref)

static GHashTable *
new_params_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static EnsRequest *
ens_request_new (const char *action)
{
  EnsRequest *self;

  self = g_new0 (EnsRequest, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->action = g_strdup (action);
  self->params = new_params_table ();

  return self;
}

static void
set_param (EnsRequest *self,
           const char *name,
           const char *value)
{
  g_hash_table_replace (self->params, g_strdup (name), g_strdup (value));
}

static void
set_param_uint (EnsRequest *self,
                const char *name,
                guint       value)
{
  g_hash_table_replace (self->params, g_strdup (name), g_strdup_printf ("%u", value));
}

static gboolean
is_blank (const char *str)
{
  if (str == NULL)
    return TRUE;

  for (const char *p = str; *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_image_id (const char  *image_id,
                GError     **error)
{
  if (is_blank (image_id))
    {
      g_set_error_literal (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                           _("No image was chosen. Enter the ID of the image and try again."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_page (guint        page_number,
            guint        page_size,
            guint        page_size_max,
            GError     **error)
{
  if (page_number < 1)
    {
      g_set_error_literal (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                           _("The list could not be fetched because the page number must be 1 or more."));
      return FALSE;
    }

  if (page_size < 1 || page_size > page_size_max)
    {
      g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The list could not be fetched because a page can hold only %u item.",
                                "The list could not be fetched because a page must hold between 1 and %u items.",
                                page_size_max),
                   page_size_max);
      return FALSE;
    }

  return TRUE;
}

/**
 * ens_request_new_modify_image_share_permission:
 * @image_id: the image to share or stop sharing
 * @add_accounts: (nullable) (array zero-terminated=1): account IDs to share
 *   the image with; empty strings are skipped
 * @remove_account: (nullable): one account ID to stop sharing with
 * @error: return location for an %ENS_ERROR_INVALID_INPUT error
 *
 * Builds a ModifyImageSharePermission call.  The API takes any number of
 * accounts to add, comma-separated, but only one account to remove.
 *
 * Returns: (transfer full) (nullable): the request, or %NULL if refused
 */
EnsRequest *
ens_request_new_modify_image_share_permission (const char         *image_id,
                                               const char * const *add_accounts,
                                               const char         *remove_account,
                                               GError            **error)
{
  g_autoptr(EnsRequest) self = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) adds = NULL;
  gboolean has_remove;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_image_id (image_id, error))
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; add_accounts != NULL && add_accounts[i] != NULL; i++)
    {
      if (add_accounts[i][0] != '\0')
        g_strv_builder_add (builder, add_accounts[i]);
    }
  adds = g_strv_builder_end (builder);

  has_remove = remove_account != NULL && remove_account[0] != '\0';

  if (adds[0] == NULL && !has_remove)
    {
      g_set_error_literal (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                           _("No account was given. Enter the account ID to share the image with, or the one to stop sharing it with."));
      return NULL;
    }

  if (has_remove && strpbrk (remove_account, ", \t\r\n\v\f") != NULL)
    {
      g_set_error_literal (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                           _("Sharing can be stopped for only one account at a time. Remove the accounts one by one."));
      return NULL;
    }

  self = ens_request_new ("ModifyImageSharePermission");
  set_param (self, "ImageId", image_id);

  if (adds[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (",", adds);

      set_param (self, "AddAccounts", joined);
    }

  if (has_remove)
    set_param (self, "RemoveAccounts", remove_account);

  return g_steal_pointer (&self);
}

/**
 * ens_request_new_describe_image_share_permission:
 * @image_id: the image
 * @page_number: the page, from 1
 * @page_size: accounts per page, 1 to %ENS_SHARE_PAGE_SIZE_MAX
 * @error: return location for an %ENS_ERROR_INVALID_INPUT error
 *
 * Returns: (transfer full) (nullable): the request, or %NULL if refused
 */
EnsRequest *
ens_request_new_describe_image_share_permission (const char  *image_id,
                                                 guint        page_number,
                                                 guint        page_size,
                                                 GError     **error)
{
  EnsRequest *self;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_image_id (image_id, error) ||
      !check_page (page_number, page_size, ENS_SHARE_PAGE_SIZE_MAX, error))
    return NULL;

  self = ens_request_new ("DescribeImageSharePermission");
  set_param (self, "ImageId", image_id);
  set_param_uint (self, "PageNumber", page_number);
  set_param_uint (self, "PageSize", page_size);

  return self;
}

/**
 * ens_request_new_describe_account_share:
 * @image_id: the image
 * @account_id: one account ID (digits)
 * @error: return location for an %ENS_ERROR_INVALID_INPUT error
 *
 * DescribeImageSharePermission with its AliyunId filter: the image's share
 * list narrowed to @account_id, empty when the image is not shared with it.
 *
 * Returns: (transfer full) (nullable): the request, or %NULL if refused
 */
EnsRequest *
ens_request_new_describe_account_share (const char  *image_id,
                                        const char  *account_id,
                                        GError     **error)
{
  EnsRequest *self;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = ens_request_new_describe_image_share_permission (image_id, 1, ENS_SHARE_PAGE_SIZE_MAX, error);
  if (self == NULL)
    return NULL;

  if (!ens_account_id_is_valid (account_id))
    {
      ens_request_unref (self);
      g_set_error_literal (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                           _("Account IDs are made of digits only."));
      return NULL;
    }
  set_param (self, "AliyunId", account_id);

  return self;
}

/**
 * ens_request_new_describe_images:
 * @page_number: the page, from 1
 * @page_size: images per page, 1 to %ENS_IMAGES_PAGE_SIZE_MAX
 * @image_id: (nullable): only this image
 * @image_name: (nullable): only images with this name
 * @error: return location for an %ENS_ERROR_INVALID_INPUT error
 *
 * Returns: (transfer full) (nullable): the request, or %NULL if refused
 */
EnsRequest *
ens_request_new_describe_images (guint         page_number,
                                 guint         page_size,
                                 const char   *image_id,
                                 const char   *image_name,
                                 GError      **error)
{
  EnsRequest *self;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_page (page_number, page_size, ENS_IMAGES_PAGE_SIZE_MAX, error))
    return NULL;

  self = ens_request_new ("DescribeImages");
  set_param_uint (self, "PageNumber", page_number);
  set_param_uint (self, "PageSize", page_size);
  if (image_id != NULL && image_id[0] != '\0')
    set_param (self, "ImageId", image_id);
  if (image_name != NULL && image_name[0] != '\0')
    set_param (self, "ImageName", image_name);

  return self;
}

/**
 * ens_request_new_describe_self_images:
 * @page_number: the page, from 1
 * @page_size: images per page, 1 to %ENS_SELF_IMAGES_PAGE_SIZE_MAX
 * @error: return location for an %ENS_ERROR_INVALID_INPUT error
 *
 * DescribeSelfImages: the account's own custom images.  The generated
 * model documents no maximum page size; 50 is what DescribeImages
 * allows, so a server with a lower cap than the model is not asked for more.
 *
 * Returns: (transfer full) (nullable): the request, or %NULL if refused
 */
EnsRequest *
ens_request_new_describe_self_images (guint    page_number,
                                      guint    page_size,
                                      GError **error)
{
  EnsRequest *self;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_page (page_number, page_size, ENS_SELF_IMAGES_PAGE_SIZE_MAX, error))
    return NULL;

  self = ens_request_new ("DescribeSelfImages");
  set_param_uint (self, "PageNumber", page_number);
  set_param_uint (self, "PageSize", page_size);

  return self;
}

/**
 * ens_request_new_get_caller_identity:
 * @sts_endpoint: the STS endpoint to send it to (see
 *   ens_client_get_sts_endpoint_for())
 *
 * STS GetCallerIdentity, version %ENS_STS_API_VERSION: no parameters.
 *
 * Returns: (transfer full): the request
 */
EnsRequest *
ens_request_new_get_caller_identity (const char *sts_endpoint)
{
  EnsRequest *self;

  g_return_val_if_fail (sts_endpoint != NULL, NULL);

  self = ens_request_new ("GetCallerIdentity");
  self->version = g_strdup (ENS_STS_API_VERSION);
  self->endpoint = g_strdup (sts_endpoint);

  return self;
}

/**
 * ens_request_get_version:
 *
 * Returns: the API version the request is signed for
 */
const char *
ens_request_get_version (EnsRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->version != NULL ? self->version : ENS_API_VERSION;
}

/**
 * ens_request_get_endpoint:
 *
 * Returns: (nullable): the endpoint the request goes to, or %NULL for the
 *   client's own (ENS)
 */
const char *
ens_request_get_endpoint (EnsRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->endpoint;
}

EnsRequest *
ens_request_ref (EnsRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
ens_request_unref (EnsRequest *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->action);
      g_free (self->version);
      g_free (self->endpoint);
      g_hash_table_unref (self->params);
      g_free (self);
    }
}

const char *
ens_request_get_action (EnsRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->action;
}

/**
 * ens_request_get_param:
 *
 * Returns: (nullable): the plain value of parameter @name, or %NULL if unset
 */
const char *
ens_request_get_param (EnsRequest *self,
                       const char *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (self->params, name);
}

/**
 * ens_request_get_params:
 *
 * Returns: (transfer none) (element-type utf8 utf8): the API parameters
 *   (without the common ones that signing adds); do not modify
 */
GHashTable *
ens_request_get_params (EnsRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->params;
}

static GHashTable *
copy_params (GHashTable *params)
{
  GHashTable *copy = new_params_table ();
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value));

  return copy;
}

static int
default_port_for_scheme (const char *scheme)
{
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return 443;
  if (g_ascii_strcasecmp (scheme, "http") == 0)
    return 80;

  return -1;
}

static EnsSignedRequest *
ens_signed_request_new (const char         *method,
                        const char         *scheme,
                        const char         *host,
                        int                 port,
                        const char         *query,
                        SoupMessageHeaders *headers,
                        GBytes             *body,
                        const char         *content_type,
                        char               *string_to_sign)
{
  EnsSignedRequest *self;

  self = g_new0 (EnsSignedRequest, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->method = g_strdup (method);
  self->uri = g_uri_build (SOUP_HTTP_URI_FLAGS, scheme, NULL, host, port, "/",
                           query != NULL && query[0] != '\0' ? query : NULL, NULL);
  self->url = g_uri_to_string (self->uri);
  self->headers = soup_message_headers_ref (headers);
  self->body = body != NULL ? g_bytes_ref (body) : g_bytes_new (NULL, 0);
  self->content_type = g_strdup (content_type);
  self->string_to_sign = string_to_sign;

  return self;
}

/**
 * ens_request_sign:
 * @self: the request
 * @version: %ENS_SIGNATURE_V1 or %ENS_SIGNATURE_V3
 * @method: "GET" or "POST"
 * @form_body: for POST, put the parameters in a form body instead of the
 *   query; ignored for GET
 * @endpoint: e.g. https://ens.aliyuncs.com or http://127.0.0.1:PORT; only
 *   its scheme, host and port are used, the path is always "/"
 * @credentials: the AccessKey; the secret is used only as the HMAC key
 * @timestamp: the signing time (UTC is used)
 * @nonce: the signature nonce
 * @error: return location for an error
 *
 * Builds a request ready for libsoup.  Pure: no clock, no randomness, so
 * the same inputs give the same request byte for byte.
 *
 * Returns: (transfer full) (nullable): the signed request
 */
EnsSignedRequest *
ens_request_sign (EnsRequest           *self,
                  EnsSignatureVersion   version,
                  const char           *method,
                  gboolean              form_body,
                  GUri                 *endpoint,
                  const EnsCredentials *credentials,
                  GDateTime            *timestamp,
                  const char           *nonce,
                  GError              **error)
{
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *date = NULL;
  g_autofree char *query = NULL;
  g_autofree char *string_to_sign = NULL;
  const char *content_type = NULL;
  const char *scheme;
  const char *host;
  const char *access_key_id;
  const char *access_key_secret;
  const char *security_token;
  gboolean is_post;
  int port;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (version == ENS_SIGNATURE_V1 || version == ENS_SIGNATURE_V3, NULL);
  g_return_val_if_fail (g_strcmp0 (method, "GET") == 0 || g_strcmp0 (method, "POST") == 0, NULL);
  g_return_val_if_fail (endpoint != NULL, NULL);
  g_return_val_if_fail (credentials != NULL, NULL);
  g_return_val_if_fail (timestamp != NULL, NULL);
  g_return_val_if_fail (nonce != NULL && nonce[0] != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  scheme = g_uri_get_scheme (endpoint);
  host = g_uri_get_host (endpoint);
  if (scheme == NULL || default_port_for_scheme (scheme) < 0 || host == NULL || host[0] == '\0')
    {
      g_set_error_literal (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                           _("The service address is not valid. Check the endpoint in the account settings; it should look like https://ens.aliyuncs.com."));
      return NULL;
    }

  access_key_id = ens_credentials_get_access_key_id (credentials);
  access_key_secret = ens_credentials_get_access_key_secret (credentials);
  security_token = ens_credentials_get_security_token (credentials);
  if (access_key_id[0] == '\0' || access_key_secret[0] == '\0')
    {
      g_set_error_literal (error, ENS_ERROR, ENS_ERROR_NO_CREDENTIALS,
                           _("The AccessKey is incomplete. Enter both the AccessKey ID and the AccessKey secret in the account settings."));
      return NULL;
    }

  port = g_uri_get_port (endpoint);
  if (port == default_port_for_scheme (scheme))
    port = -1;

  is_post = strcmp (method, "POST") == 0;
  form_body = form_body && is_post;
  date = ens_signer_format_timestamp (timestamp);
  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);

  g_debug ("Signing %s (V%d, %s%s)", self->action, (int) version, method,
           form_body ? ", form body" : "");

  if (version == ENS_SIGNATURE_V1)
    {
      g_autoptr(GHashTable) params = copy_params (self->params);
      g_autofree char *canonical = NULL;
      g_autofree char *signature = NULL;
      g_autofree char *enc_signature = NULL;
      g_autofree char *signed_form = NULL;

      g_hash_table_replace (params, g_strdup ("Action"), g_strdup (self->action));
      g_hash_table_replace (params, g_strdup ("Version"), g_strdup (ens_request_get_version (self)));
      g_hash_table_replace (params, g_strdup ("Format"), g_strdup ("JSON"));
      g_hash_table_replace (params, g_strdup ("AccessKeyId"), g_strdup (access_key_id));
      g_hash_table_replace (params, g_strdup ("SignatureMethod"), g_strdup ("HMAC-SHA1"));
      g_hash_table_replace (params, g_strdup ("SignatureVersion"), g_strdup ("1.0"));
      g_hash_table_replace (params, g_strdup ("SignatureNonce"), g_strdup (nonce));
      g_hash_table_replace (params, g_strdup ("Timestamp"), g_strdup (date));
      if (security_token != NULL)
        g_hash_table_replace (params, g_strdup ("SecurityToken"), g_strdup (security_token));

      canonical = ens_signer_canonical_query (params);
      string_to_sign = ens_signer_v1_string_to_sign (method, params);
      signature = ens_signer_v1_signature (access_key_secret, string_to_sign);
      enc_signature = ens_percent_encode (signature);
      signed_form = g_strconcat (canonical, "&Signature=", enc_signature, NULL);

      if (form_body)
        {
          content_type = FORM_CONTENT_TYPE;
          soup_message_headers_replace (headers, "Content-Type", content_type);
          body = g_bytes_new_take (g_steal_pointer (&signed_form), strlen (canonical) + strlen ("&Signature=") + strlen (enc_signature));
        }
      else
        {
          query = g_steal_pointer (&signed_form);
        }
    }
  else
    {
      g_autofree char *canonical_params = ens_signer_canonical_query (self->params);
      g_autofree char *payload_hash = NULL;
      g_autofree char *host_value = NULL;
      g_autofree char *canonical_request = NULL;
      g_autofree char *signed_headers = NULL;
      g_autofree char *signature = NULL;
      g_autofree char *authorization = NULL;
      GHashTable *signed_query;

      if (strchr (host, ':') != NULL)
        host_value = port > 0 ? g_strdup_printf ("[%s]:%d", host, port) : g_strdup_printf ("[%s]", host);
      else
        host_value = port > 0 ? g_strdup_printf ("%s:%d", host, port) : g_strdup (host);

      if (form_body)
        {
          gsize len = strlen (canonical_params);

          content_type = FORM_CONTENT_TYPE;
          body = g_bytes_new_take (g_steal_pointer (&canonical_params), len);
          signed_query = NULL;
        }
      else
        {
          query = g_steal_pointer (&canonical_params);
          signed_query = self->params;
        }

      payload_hash = ens_signer_sha256_hex (body != NULL ? g_bytes_get_data (body, NULL) : NULL,
                                            body != NULL ? g_bytes_get_size (body) : 0);

      soup_message_headers_replace (headers, "host", host_value);
      soup_message_headers_replace (headers, "x-acs-action", self->action);
      soup_message_headers_replace (headers, "x-acs-version", ens_request_get_version (self));
      soup_message_headers_replace (headers, "x-acs-date", date);
      soup_message_headers_replace (headers, "x-acs-signature-nonce", nonce);
      soup_message_headers_replace (headers, "x-acs-content-sha256", payload_hash);
      if (security_token != NULL)
        soup_message_headers_replace (headers, "x-acs-security-token", security_token);
      if (content_type != NULL)
        soup_message_headers_replace (headers, "content-type", content_type);
      /* As the SDK sends it (unsigned: the signer signs x-acs-*, host and
       * content-type only). */
      soup_message_headers_replace (headers, "accept", "application/json");

      canonical_request = ens_signer_v3_canonical_request (method, "/", signed_query, headers,
                                                           payload_hash, &signed_headers);
      string_to_sign = ens_signer_v3_string_to_sign (canonical_request);
      signature = ens_signer_v3_signature (access_key_secret, string_to_sign);
      authorization = ens_signer_v3_authorization (access_key_id, signed_headers, signature);

      soup_message_headers_replace (headers, "Authorization", authorization);
    }

  return ens_signed_request_new (method, scheme, host, port, query, headers, body,
                                 content_type, g_steal_pointer (&string_to_sign));
}

EnsSignedRequest *
ens_signed_request_ref (EnsSignedRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
ens_signed_request_unref (EnsSignedRequest *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->method);
      g_free (self->url);
      g_uri_unref (self->uri);
      soup_message_headers_unref (self->headers);
      g_bytes_unref (self->body);
      g_free (self->content_type);
      g_free (self->string_to_sign);
      g_free (self);
    }
}

const char *
ens_signed_request_get_method (EnsSignedRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->method;
}

/**
 * ens_signed_request_get_url:
 *
 * Returns: the full URL, query included
 */
const char *
ens_signed_request_get_url (EnsSignedRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->url;
}

/**
 * ens_signed_request_get_headers:
 *
 * Returns: (transfer none): the request headers, Authorization included
 *   under V3; do not modify
 */
SoupMessageHeaders *
ens_signed_request_get_headers (EnsSignedRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->headers;
}

/**
 * ens_signed_request_get_body:
 *
 * Returns: (transfer none): the body; empty when there is none
 */
GBytes *
ens_signed_request_get_body (EnsSignedRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->body;
}

/**
 * ens_signed_request_get_content_type:
 *
 * Returns: (nullable): the body's content type, %NULL without a body
 */
const char *
ens_signed_request_get_content_type (EnsSignedRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->content_type;
}

/**
 * ens_signed_request_get_string_to_sign:
 *
 * Returns: under V1 the StringToSign, under V3 "ACS3-HMAC-SHA256\n<hex>"
 */
const char *
ens_signed_request_get_string_to_sign (EnsSignedRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->string_to_sign;
}

/**
 * ens_signed_request_to_message:
 *
 * Returns: (transfer full): a new message with the method, URL, headers and
 *   body of @self
 */
SoupMessage *
ens_signed_request_to_message (EnsSignedRequest *self)
{
  SoupMessage *message;
  SoupMessageHeaders *request_headers;
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  g_return_val_if_fail (self != NULL, NULL);

  message = soup_message_new_from_uri (self->method, self->uri);
  request_headers = soup_message_get_request_headers (message);

  soup_message_headers_iter_init (&iter, self->headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (request_headers, name, value);

  if (g_bytes_get_size (self->body) > 0)
    soup_message_set_request_body_from_bytes (message, self->content_type, self->body);

  return message;
}
