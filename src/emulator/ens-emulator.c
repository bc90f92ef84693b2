/* ens-emulator.c
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

/*
 * A local stand-in for the Alibaba Cloud ENS gateway (reference §1–§4).
 *
 * It serves ModifyImageSharePermission, DescribeImageSharePermission and
 * DescribeImages (API version 2017-11-10) on "/", verifies V1 and V3
 * signatures by recomputing them with the app's own ens_signer_*
 * functions, keeps share state in memory, answers errors the way the
 * gateway does (JSON with RequestId, HostId, Code, Message, Recommend) and
 * can inject latency, throttling, server failures and broken answers.
 *
 * Everything runs in the main context that was the thread default when
 * ens_emulator_listen() was called; latency never blocks it: a delayed
 * answer is a paused SoupServerMessage unpaused from a timeout.
 *
 * Seed file format (see tests/data/emulator/seed.json):
 *
 *   {
 *     "keys":   [ { "id": "LTAI…", "secret": "…", "read_only": false },
 *                 { "id": "STS.…", "secret": "…", "security_token": "…",
 *                   "expired": false } ],
 *     "images": [ { "ImageId": "m-…", "ImageName": "…", "ImageOwnerAlias": "self",
 *                   "Platform": "ubuntu", "CreationTime": "2024-01-01T00:00:00Z" } ],
 *     "shares": { "m-…": [ "1234567890123456", … ] }
 *   }
 *
 * Only "id" and "secret" (keys) and "ImageId" (images) are required.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ens-core-types.h"
#include "ens-encode.h"
#include "ens-json.h"
#include "ens-signer.h"

#include "ens-emulator.h"

#define HOST_ID              "ens.aliyuncs.com"
#define JSON_CONTENT_TYPE    "application/json;charset=utf-8"
#define FORM_CONTENT_TYPE    "application/x-www-form-urlencoded"
#define V3_SCHEME            "ACS3-HMAC-SHA256"
#define MAX_CLOCK_SKEW       (15 * 60)
#define SHARE_PAGE_SIZE_MAX  100
#define IMAGES_PAGE_SIZE_MAX 50
#define DEFAULT_PAGE_SIZE    10
#define OVERSIZED_BODY_SIZE  (1024 * 1024 + 64 * 1024)

typedef struct
{
  char       *id;
  char       *secret;
  char       *security_token;   /* NULL for a long-term key */
  gboolean    read_only;
  gboolean    expired;
  GHashTable *nonces;           /* every SignatureNonce seen with this key */
} EmuKey;

typedef struct
{
  char      *id;
  char      *name;
  char      *owner_alias;
  char      *platform;
  char      *creation_time;
  GPtrArray *shares;            /* of char *, in insertion order */
} EmuImage;

/* A message that is answered later (latency) or never (stall). */
typedef struct
{
  EnsEmulator       *self;      /* borrowed: stop() and dispose() drop all */
  SoupServerMessage *msg;
  guint              source_id;
  gulong             disconnected_id;
} Pending;

/* One request on its way through the emulator. */
typedef struct
{
  /* What came in */
  const char  *method;
  GHashTable  *params;          /* query + form parameters, decoded */
  GHashTable  *query;           /* query parameters only (V3 CanonicalQuery) */
  GBytes      *body;
  gboolean     params_ok;
  gboolean     is_v3;
  char        *action;
  char        *version;
  char        *access_key_id;
  char        *image_id;

  /* V3 Authorization parts */
  char        *v3_scheme;
  char        *v3_signed_headers;
  char        *v3_signature;

  /* What goes out */
  char        *request_id;
  guint        status;
  char        *code;            /* NULL on success */
  const char  *content_type;
  char        *response;
  gsize        response_len;
  const char  *fault;           /* for the log */
} Call;

struct _EnsEmulator
{
  GObject           parent_instance;

  SoupServer       *server;
  guint             port;

  GHashTable       *keys;       /* id → EmuKey */
  GHashTable       *images;     /* id → EmuImage */
  GPtrArray        *image_order;/* borrowed EmuImage *, insertion order */
  GHashTable       *pending;    /* set of Pending * */

  guint             request_count;
  guint             latency_ms;
  guint             throttle_every;
  guint             fail_every;
  guint             fail_status;
  EnsEmulatorFault  fault;
  guint             fault_remaining;  /* 0 with a fault set: every request */
  guint             retry_after;
  gint64            clock_offset;

  GOutputStream    *log;
};

G_DEFINE_FINAL_TYPE (EnsEmulator, ens_emulator, G_TYPE_OBJECT)

static void
emu_key_free (EmuKey *key)
{
  g_free (key->id);
  g_free (key->secret);
  g_free (key->security_token);
  g_hash_table_unref (key->nonces);
  g_free (key);
}

static void
emu_image_free (EmuImage *image)
{
  g_free (image->id);
  g_free (image->name);
  g_free (image->owner_alias);
  g_free (image->platform);
  g_free (image->creation_time);
  g_ptr_array_unref (image->shares);
  g_free (image);
}

static void
call_free (Call *call)
{
  g_clear_pointer (&call->params, g_hash_table_unref);
  g_clear_pointer (&call->query, g_hash_table_unref);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_free (call->action);
  g_free (call->version);
  g_free (call->access_key_id);
  g_free (call->image_id);
  g_free (call->v3_scheme);
  g_free (call->v3_signed_headers);
  g_free (call->v3_signature);
  g_free (call->request_id);
  g_free (call->code);
  g_free (call->response);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

/* Pending messages */

static void
pending_free (Pending *pending)
{
  g_clear_handle_id (&pending->source_id, g_source_remove);
  g_clear_signal_handler (&pending->disconnected_id, pending->msg);
  g_clear_object (&pending->msg);
  g_free (pending);
}

static gboolean
pending_timeout_cb (gpointer user_data)
{
  Pending *pending = user_data;

  pending->source_id = 0;
  soup_server_message_unpause (pending->msg);
  g_hash_table_remove (pending->self->pending, pending);

  return G_SOURCE_REMOVE;
}

static void
pending_disconnected_cb (SoupServerMessage *msg,
                         Pending           *pending)
{
  g_hash_table_remove (pending->self->pending, pending);
}

/* Pauses @msg; with @delay_ms > 0 it is answered after that delay, with 0
 * never (until the client gives up or the emulator stops). */
static void
hold_message (EnsEmulator       *self,
              SoupServerMessage *msg,
              guint              delay_ms)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = self;
  pending->msg = g_object_ref (msg);
  soup_server_message_pause (msg);
  pending->disconnected_id = g_signal_connect (msg, "disconnected",
                                               G_CALLBACK (pending_disconnected_cb),
                                               pending);
  if (delay_ms > 0)
    pending->source_id = g_timeout_add (delay_ms, pending_timeout_cb, pending);

  g_hash_table_add (self->pending, pending);
}

/* Small helpers */

/* g_set_str() needs GLib 2.76; this is the same for our 2.74 floor. */
static gboolean
set_str (char       **str_pointer,
         const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;

  return TRUE;
}

static char *
new_request_id (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_ascii_strup (uuid, -1);
}

static gboolean
is_digits (const char *str)
{
  if (str == NULL || *str == '\0')
    return FALSE;

  for (const char *p = str; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return TRUE;
}

/* Compares without stopping at the first difference, so the time taken
 * does not tell how much of a guessed signature was right. */
static gboolean
signatures_equal (const char *a,
                  const char *b)
{
  gsize len_a = strlen (a);
  gsize len_b = strlen (b);
  guchar diff = len_a != len_b;

  for (gsize i = 0; i < len_a; i++)
    diff |= (guchar) a[i] ^ (guchar) b[i < len_b ? i : 0];

  return diff == 0;
}

static char *
json_node_to_data (JsonNode *root,
                   gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, length);
}

static GDateTime *
emulator_now (EnsEmulator *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_add_seconds (now, (double) self->clock_offset);
}

/* Strict yyyy-MM-ddTHH:mm:ssZ, as the gateway wants it. */
static GDateTime *
parse_timestamp (const char *str)
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";
  int year, month, day, hour, minute, second;

  if (str == NULL || strlen (str) != strlen (pattern))
    return NULL;

  for (gsize i = 0; pattern[i] != '\0'; i++)
    {
      if (pattern[i] == 'd' ? !g_ascii_isdigit (str[i]) : str[i] != pattern[i])
        return NULL;
    }

  if (sscanf (str, "%4d-%2d-%2dT%2d:%2d:%2dZ",
              &year, &month, &day, &hour, &minute, &second) != 6)
    return NULL;

  if (hour > 23 || minute > 59 || second > 59)
    return NULL;

  return g_date_time_new_utc (year, month, day, hour, minute, second);
}

/* Splits a=b&c=d, percent-decoding names and values byte for byte; a '+'
 * stays a '+' exactly as the client's encoder meant it. */
static gboolean
parse_encoded_params (const char *encoded,
                      GHashTable *into,
                      GHashTable *also_into)
{
  g_auto(GStrv) pairs = NULL;

  if (encoded == NULL || *encoded == '\0')
    return TRUE;

  pairs = g_strsplit (encoded, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      const char *eq;
      gsize name_len = 0;
      gsize value_len = 0;

      if (pairs[i][0] == '\0')
        continue;

      eq = strchr (pairs[i], '=');
      if (eq != NULL)
        {
          g_autofree char *raw_name = g_strndup (pairs[i], eq - pairs[i]);

          name = ens_percent_decode (raw_name, &name_len);
          value = ens_percent_decode (eq + 1, &value_len);
        }
      else
        {
          name = ens_percent_decode (pairs[i], &name_len);
          value = g_strdup ("");
        }

      if (name == NULL || value == NULL ||
          strlen (name) != name_len || strlen (value) != value_len ||
          !g_utf8_validate (name, -1, NULL) || !g_utf8_validate (value, -1, NULL) ||
          *name == '\0')
        return FALSE;

      if (also_into != NULL)
        g_hash_table_replace (also_into, g_strdup (name), g_strdup (value));
      g_hash_table_replace (into, g_steal_pointer (&name), g_steal_pointer (&value));
    }

  return TRUE;
}

static const char *
get_param (Call       *call,
           const char *name)
{
  const char *value = g_hash_table_lookup (call->params, name);

  /* The gateway treats an empty value like a missing one. */
  return (value != NULL && *value != '\0') ? value : NULL;
}

/* Parses ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=… */
static void
parse_authorization (Call       *call,
                     const char *authorization)
{
  g_auto(GStrv) parts = NULL;
  const char *space = strchr (authorization, ' ');

  if (space == NULL)
    {
      call->v3_scheme = g_strdup (authorization);
      return;
    }

  call->v3_scheme = g_strndup (authorization, space - authorization);
  parts = g_strsplit (space + 1, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);

      if (g_str_has_prefix (part, "Credential="))
        set_str (&call->access_key_id, part + strlen ("Credential="));
      else if (g_str_has_prefix (part, "SignedHeaders="))
        set_str (&call->v3_signed_headers, part + strlen ("SignedHeaders="));
      else if (g_str_has_prefix (part, "Signature="))
        set_str (&call->v3_signature, part + strlen ("Signature="));
    }
}

/* @method must outlive the Call; @raw_query is the query exactly as it
 * came on the wire (still percent-encoded), or NULL. */
static Call *
call_parse (const char         *method,
            const char         *raw_query,
            SoupMessageHeaders *headers,
            GBytes             *body)
{
  const char *content_type;
  const char *authorization;
  Call *call = g_new0 (Call, 1);

  call->method = method;
  call->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  call->query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  call->body = body != NULL ? g_bytes_ref (body) : g_bytes_new (NULL, 0);
  call->request_id = new_request_id ();

  call->params_ok = parse_encoded_params (raw_query, call->params, call->query);

  content_type = soup_message_headers_get_content_type (headers, NULL);
  if (call->params_ok &&
      g_strcmp0 (call->method, "POST") == 0 &&
      g_strcmp0 (content_type, FORM_CONTENT_TYPE) == 0 &&
      g_bytes_get_size (call->body) > 0)
    {
      gsize size;
      const char *data = g_bytes_get_data (call->body, &size);
      g_autofree char *form = g_strndup (data, size);

      call->params_ok = strlen (form) == size &&
                        parse_encoded_params (form, call->params, NULL);
    }

  authorization = soup_message_headers_get_one (headers, "Authorization");
  if (authorization != NULL)
    {
      call->is_v3 = TRUE;
      parse_authorization (call, authorization);
      call->action = g_strdup (soup_message_headers_get_one (headers, "x-acs-action"));
      call->version = g_strdup (soup_message_headers_get_one (headers, "x-acs-version"));
    }
  else
    {
      call->action = g_strdup (get_param (call, "Action"));
      call->version = g_strdup (get_param (call, "Version"));
      call->access_key_id = g_strdup (get_param (call, "AccessKeyId"));
    }

  call->image_id = g_strdup (get_param (call, "ImageId"));

  return call;
}

/* Answers */

static void
call_set_body (Call       *call,
               guint       status,
               JsonNode   *root)
{
  call->status = status;
  call->content_type = JSON_CONTENT_TYPE;
  g_free (call->response);
  call->response = json_node_to_data (root, &call->response_len);
}

static void
call_error (Call       *call,
            guint       status,
            const char *code,
            const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *recommend = NULL;

  recommend = g_strdup_printf ("https://api.aliyun.com/troubleshoot?q=%s&product=Ens&requestId=%s",
                               code, call->request_id);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "RequestId");
  json_builder_add_string_value (builder, call->request_id);
  json_builder_set_member_name (builder, "HostId");
  json_builder_add_string_value (builder, HOST_ID);
  json_builder_set_member_name (builder, "Code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "Message");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "Recommend");
  json_builder_add_string_value (builder, recommend);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  call_set_body (call, status, root);
  set_str (&call->code, code);
}

static void
call_missing (Call       *call,
              const char *name)
{
  g_autofree char *message = NULL;

  message = g_strdup_printf ("The input parameter \"%s\" that is mandatory for processing "
                             "this request is not supplied.", name);
  call_error (call, 400, "MissingParameter", message);
}

static void
call_invalid (Call       *call,
              const char *name,
              const char *why)
{
  g_autofree char *message = NULL;

  message = g_strdup_printf ("The specified parameter \"%s\" is not valid. %s", name, why);
  call_error (call, 400, "InvalidParameter", message);
}

static void
call_incomplete_signature (Call       *call,
                           const char *detail)
{
  g_autofree char *message = NULL;

  message = g_strdup_printf ("The request signature does not conform to Aliyun standards. %s",
                             detail);
  call_error (call, 400, "IncompleteSignature", message);
}

static void
call_image_not_found (Call *call)
{
  call_error (call, 404, "InvalidImageId.NotFound", "The specified ImageId does not exist.");
}

static JsonBuilder *
begin_success (Call *call)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "RequestId");
  json_builder_add_string_value (builder, call->request_id);

  return builder;
}

static void
finish_success (Call        *call,
                JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = NULL;

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  call_set_body (call, 200, root);
}

/* Authentication */

static gboolean
check_timestamp (EnsEmulator *self,
                 Call        *call,
                 const char  *value,
                 const char  *name)
{
  g_autoptr(GDateTime) timestamp = NULL;
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan skew;

  if (value == NULL)
    {
      call_missing (call, name);
      return FALSE;
    }

  timestamp = parse_timestamp (value);
  if (timestamp == NULL)
    {
      call_error (call, 400, "InvalidTimeStamp.Format",
                  "Specified time stamp or date value is not well formatted.");
      return FALSE;
    }

  now = emulator_now (self);
  skew = g_date_time_difference (now, timestamp) / G_TIME_SPAN_SECOND;
  if (skew > MAX_CLOCK_SKEW || skew < -MAX_CLOCK_SKEW)
    {
      call_error (call, 400, "InvalidTimeStamp.Expired",
                  "Specified time stamp or date value is expired.");
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_version_and_action (Call *call)
{
  if (g_strcmp0 (call->version, ENS_API_VERSION) != 0)
    {
      call_error (call, 400, "InvalidVersion", "Specified parameter Version is not valid.");
      return FALSE;
    }

  if (call->action == NULL || *call->action == '\0')
    {
      call_missing (call, "Action");
      return FALSE;
    }

  if (strcmp (call->action, "ModifyImageSharePermission") != 0 &&
      strcmp (call->action, "DescribeImageSharePermission") != 0 &&
      strcmp (call->action, "DescribeImages") != 0)
    {
      call_error (call, 404, "InvalidAction.NotFound",
                  "Specified api is not found, please check your url and method.");
      return FALSE;
    }

  return TRUE;
}

static EmuKey *
lookup_key (EnsEmulator *self,
            Call        *call)
{
  EmuKey *key = NULL;

  if (call->access_key_id == NULL || *call->access_key_id == '\0')
    {
      call_error (call, 400, "MissingAccessKeyId", "AccessKeyId is mandatory for this action.");
      return NULL;
    }

  key = g_hash_table_lookup (self->keys, call->access_key_id);
  if (key == NULL)
    call_error (call, 404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");

  return key;
}

static gboolean
check_security_token (Call       *call,
                      EmuKey     *key,
                      const char *token)
{
  if (key->security_token == NULL)
    return TRUE;

  if (token == NULL || *token == '\0')
    {
      call_error (call, 400, "MissingSecurityToken", "SecurityToken is mandatory for this action.");
      return FALSE;
    }

  if (strcmp (token, key->security_token) != 0)
    {
      call_error (call, 400, "InvalidSecurityToken.MismatchWithAccessKey",
                  "Specified SecurityToken mismatch with the AccessKey.");
      return FALSE;
    }

  if (key->expired)
    {
      call_error (call, 400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_nonce (Call       *call,
             EmuKey     *key,
             const char *nonce)
{
  if (g_hash_table_contains (key->nonces, nonce))
    {
      call_error (call, 400, "SignatureNonceUsed", "Specified signature nonce was used already.");
      return FALSE;
    }

  g_hash_table_add (key->nonces, g_strdup (nonce));

  return TRUE;
}

static EmuKey *
authenticate_v1 (EnsEmulator *self,
                 Call        *call)
{
  g_autoptr(GHashTable) signed_params = NULL;
  g_autofree char *string_to_sign = NULL;
  g_autofree char *expected = NULL;
  const char *signature = get_param (call, "Signature");
  const char *method = get_param (call, "SignatureMethod");
  const char *sig_version = get_param (call, "SignatureVersion");
  const char *nonce = get_param (call, "SignatureNonce");
  EmuKey *key;

  if (!check_version_and_action (call))
    return NULL;

  if (signature == NULL)
    {
      call_incomplete_signature (call, "The Signature parameter is missing.");
      return NULL;
    }
  if (g_strcmp0 (method, "HMAC-SHA1") != 0)
    {
      call_incomplete_signature (call, "SignatureMethod must be HMAC-SHA1.");
      return NULL;
    }
  if (g_strcmp0 (sig_version, "1.0") != 0)
    {
      call_incomplete_signature (call, "SignatureVersion must be 1.0.");
      return NULL;
    }
  if (nonce == NULL)
    {
      call_incomplete_signature (call, "The SignatureNonce parameter is missing.");
      return NULL;
    }

  key = lookup_key (self, call);
  if (key == NULL)
    return NULL;

  if (!check_security_token (call, key, get_param (call, "SecurityToken")))
    return NULL;

  if (!check_timestamp (self, call, get_param (call, "Timestamp"), "Timestamp"))
    return NULL;

  signed_params = g_hash_table_new (g_str_hash, g_str_equal);
  {
    GHashTableIter iter;
    gpointer name, value;

    g_hash_table_iter_init (&iter, call->params);
    while (g_hash_table_iter_next (&iter, &name, &value))
      if (strcmp (name, "Signature") != 0)
        g_hash_table_insert (signed_params, name, value);
  }

  string_to_sign = ens_signer_v1_string_to_sign (call->method, signed_params);
  expected = ens_signer_v1_signature (key->secret, string_to_sign);
  if (!signatures_equal (expected, signature))
    {
      g_autofree char *message = NULL;

      message = g_strconcat ("Specified signature is not matched with our calculation. "
                             "server string to sign is:", string_to_sign, NULL);
      call_error (call, 400, "SignatureDoesNotMatch", message);
      return NULL;
    }

  if (!check_nonce (call, key, nonce))
    return NULL;

  return key;
}

static gboolean
header_listed (char       **list,
               const char  *name)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (g_ascii_strcasecmp (list[i], name) == 0)
      return TRUE;

  return FALSE;
}

static EmuKey *
authenticate_v3 (EnsEmulator        *self,
                 SoupMessageHeaders *headers,
                 Call               *call)
{
  static const char * const required[] = {
    "host", "x-acs-action", "x-acs-content-sha256", "x-acs-date",
    "x-acs-signature-nonce", "x-acs-version",
  };
  g_autoptr(SoupMessageHeaders) signed_headers = NULL;
  g_auto(GStrv) listed = NULL;
  g_autofree char *body_hash = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *string_to_sign = NULL;
  g_autofree char *expected = NULL;
  const char *claimed_hash;
  const char *nonce;
  const guint8 *body_data;
  gsize body_size;
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;
  EmuKey *key;

  if (g_strcmp0 (call->v3_scheme, V3_SCHEME) != 0)
    {
      call_incomplete_signature (call, "The Authorization scheme must be ACS3-HMAC-SHA256.");
      return NULL;
    }
  if (call->access_key_id == NULL || call->v3_signed_headers == NULL ||
      call->v3_signature == NULL)
    {
      call_incomplete_signature (call, "The Authorization header needs Credential, "
                                       "SignedHeaders and Signature.");
      return NULL;
    }

  if (!check_version_and_action (call))
    return NULL;

  listed = g_strsplit (call->v3_signed_headers, ";", -1);
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      if (!header_listed (listed, required[i]) ||
          soup_message_headers_get_one (headers, required[i]) == NULL)
        {
          g_autofree char *detail = g_strdup_printf ("The header %s must be sent and signed.",
                                                     required[i]);

          call_incomplete_signature (call, detail);
          return NULL;
        }
    }
  if (soup_message_headers_get_one (headers, "x-acs-security-token") != NULL &&
      !header_listed (listed, "x-acs-security-token"))
    {
      call_incomplete_signature (call, "The header x-acs-security-token must be signed.");
      return NULL;
    }

  key = lookup_key (self, call);
  if (key == NULL)
    return NULL;

  if (!check_security_token (call, key,
                             soup_message_headers_get_one (headers, "x-acs-security-token")))
    return NULL;

  if (!check_timestamp (self, call, soup_message_headers_get_one (headers, "x-acs-date"),
                        "x-acs-date"))
    return NULL;

  /* Recompute with the headers the client says it signed and the hash of
   * the body that really arrived: a wrong x-acs-content-sha256 therefore
   * shows up as a signature mismatch. */
  signed_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (header_listed (listed, name))
      soup_message_headers_append (signed_headers, name, value);

  body_data = g_bytes_get_data (call->body, &body_size);
  body_hash = ens_signer_sha256_hex (body_data, body_size);
  claimed_hash = soup_message_headers_get_one (headers, "x-acs-content-sha256");

  canonical = ens_signer_v3_canonical_request (call->method, "/", call->query,
                                               signed_headers, body_hash, NULL);
  string_to_sign = ens_signer_v3_string_to_sign (canonical);
  expected = ens_signer_v3_signature (key->secret, string_to_sign);

  if (g_ascii_strcasecmp (claimed_hash, body_hash) != 0 ||
      !signatures_equal (expected, call->v3_signature))
    {
      g_autofree char *message = NULL;
      char *newline = strchr (string_to_sign, '\n');

      if (newline != NULL)
        *newline = ' ';
      message = g_strdup_printf ("Specified signature does not match our calculation. "
                                 "server StringToSign is [%s]", string_to_sign);
      call_error (call, 400, "SignatureDoesNotMatch", message);
      return NULL;
    }

  nonce = soup_message_headers_get_one (headers, "x-acs-signature-nonce");
  if (!check_nonce (call, key, nonce))
    return NULL;

  return key;
}

/* Actions */

static gboolean
parse_page (Call       *call,
            const char *name,
            guint       default_value,
            guint       maximum,
            guint      *out)
{
  const char *value = get_param (call, name);
  guint64 number = 0;

  if (value == NULL)
    {
      *out = default_value;
      return TRUE;
    }

  if (!is_digits (value) || strlen (value) > 9 ||
      !g_ascii_string_to_unsigned (value, 10, 1, maximum, &number, NULL))
    {
      g_autofree char *why = g_strdup_printf ("It must be a number from 1 to %u.", maximum);

      call_invalid (call, name, why);
      return FALSE;
    }

  *out = (guint) number;
  return TRUE;
}

static EmuImage *
require_image (EnsEmulator *self,
               Call        *call)
{
  EmuImage *image;

  if (call->image_id == NULL)
    {
      call_missing (call, "ImageId");
      return NULL;
    }

  image = g_hash_table_lookup (self->images, call->image_id);
  if (image == NULL)
    call_image_not_found (call);

  return image;
}

static gboolean
image_has_share (EmuImage   *image,
                 const char *account,
                 guint      *index)
{
  return g_ptr_array_find_with_equal_func (image->shares, account, g_str_equal, index);
}

static void
modify_image_share_permission (EnsEmulator *self,
                               Call        *call,
                               EmuKey      *key)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_auto(GStrv) add = NULL;
  const char *add_accounts = get_param (call, "AddAccounts");
  const char *remove_account = get_param (call, "RemoveAccounts");
  EmuImage *image;
  guint index;

  if (key->read_only)
    {
      call_error (call, 400, "NoPermission", "Permission denied.");
      return;
    }

  if (call->image_id == NULL)
    {
      call_missing (call, "ImageId");
      return;
    }

  if (add_accounts == NULL && remove_account == NULL)
    {
      call_missing (call, "AddAccounts");
      return;
    }

  if (add_accounts != NULL)
    {
      add = g_strsplit (add_accounts, ",", -1);
      for (guint i = 0; add[i] != NULL; i++)
        {
          if (!is_digits (add[i]))
            {
              call_invalid (call, "AddAccounts", "Account IDs must be digits, separated by commas.");
              return;
            }
        }
    }

  if (remove_account != NULL)
    {
      if (strchr (remove_account, ',') != NULL)
        {
          call_invalid (call, "RemoveAccounts", "Only one account can be removed per call.");
          return;
        }
      if (!is_digits (remove_account))
        {
          call_invalid (call, "RemoveAccounts", "Account IDs must be digits.");
          return;
        }
    }

  image = require_image (self, call);
  if (image == NULL)
    return;

  if (g_strcmp0 (image->owner_alias, "self") != 0)
    {
      call_error (call, 400, "InvalidImageType.NotSupported",
                  "The specified image type is not supported.");
      return;
    }

  /* Adding a shared account or removing one that is not shared succeeds. */
  for (guint i = 0; add != NULL && add[i] != NULL; i++)
    if (!image_has_share (image, add[i], NULL))
      g_ptr_array_add (image->shares, g_strdup (add[i]));

  if (remove_account != NULL && image_has_share (image, remove_account, &index))
    g_ptr_array_remove_index (image->shares, index);

  g_debug ("Image %s shared with %u accounts", image->id, image->shares->len);

  builder = begin_success (call);
  finish_success (call, builder);
}

static void
describe_image_share_permission (EnsEmulator *self,
                                 Call        *call)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GPtrArray) matching = NULL;
  const char *aliyun_id = get_param (call, "AliyunId");
  guint page_number;
  guint page_size;
  EmuImage *image;
  guint64 first;

  if (call->image_id == NULL)
    {
      call_missing (call, "ImageId");
      return;
    }

  if (!parse_page (call, "PageNumber", 1, G_MAXINT32, &page_number) ||
      !parse_page (call, "PageSize", DEFAULT_PAGE_SIZE, SHARE_PAGE_SIZE_MAX, &page_size))
    return;

  if (aliyun_id != NULL && !is_digits (aliyun_id))
    {
      call_invalid (call, "AliyunId", "Account IDs must be digits.");
      return;
    }

  image = require_image (self, call);
  if (image == NULL)
    return;

  matching = g_ptr_array_new ();
  for (guint i = 0; i < image->shares->len; i++)
    {
      const char *account = g_ptr_array_index (image->shares, i);

      if (aliyun_id == NULL || strcmp (aliyun_id, account) == 0)
        g_ptr_array_add (matching, (gpointer) account);
    }

  builder = begin_success (call);
  json_builder_set_member_name (builder, "Code");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "TotalCount");
  json_builder_add_int_value (builder, matching->len);
  json_builder_set_member_name (builder, "PageNumber");
  json_builder_add_int_value (builder, page_number);
  json_builder_set_member_name (builder, "PageSize");
  json_builder_add_int_value (builder, page_size);
  json_builder_set_member_name (builder, "ImageId");
  json_builder_add_string_value (builder, image->id);
  json_builder_set_member_name (builder, "Accounts");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "Account");
  json_builder_begin_array (builder);
  first = (guint64) (page_number - 1) * page_size;
  for (guint64 i = first; i < matching->len && i < first + page_size; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "AliyunUid");
      json_builder_add_string_value (builder, g_ptr_array_index (matching, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  finish_success (call, builder);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

static void
add_image (JsonBuilder *builder,
           EmuImage    *image)
{
  json_builder_begin_object (builder);
  add_string_member (builder, "Architecture", "x86_64");
  add_string_member (builder, "CreationTime", image->creation_time);
  add_string_member (builder, "ImageId", image->id);
  add_string_member (builder, "ImageName", image->name);
  add_string_member (builder, "ImageOwnerAlias", image->owner_alias);
  add_string_member (builder, "ImageSize", "20");
  add_string_member (builder, "Platform", image->platform);
  add_string_member (builder, "RegionId", "");
  add_string_member (builder, "SnapshotId", "");
  json_builder_set_member_name (builder, "DiskDeviceMappings");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "DiskDeviceMapping");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_string_member (builder, "Format", "qcow2");
  add_string_member (builder, "Size", "20");
  add_string_member (builder, "Type", "system");
  add_string_member (builder, "imageId", image->id);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
describe_images (EnsEmulator *self,
                 Call        *call)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GPtrArray) matching = NULL;
  const char *image_name = get_param (call, "ImageName");
  guint page_number;
  guint page_size;
  guint64 first;

  if (!parse_page (call, "PageNumber", 1, G_MAXINT32, &page_number) ||
      !parse_page (call, "PageSize", DEFAULT_PAGE_SIZE, IMAGES_PAGE_SIZE_MAX, &page_size))
    return;

  if (image_name != NULL)
    {
      glong length = g_utf8_strlen (image_name, -1);

      if (length < 2 || length > 128)
        {
          call_invalid (call, "ImageName", "It must be 2 to 128 characters long.");
          return;
        }
    }

  /* ImageId filters exactly, ImageName by substring; an unknown ImageId
   * gives an empty list, as a filter does. */
  matching = g_ptr_array_new ();
  for (guint i = 0; i < self->image_order->len; i++)
    {
      EmuImage *image = g_ptr_array_index (self->image_order, i);

      if (call->image_id != NULL && strcmp (call->image_id, image->id) != 0)
        continue;
      if (image_name != NULL && (image->name == NULL || strstr (image->name, image_name) == NULL))
        continue;

      g_ptr_array_add (matching, image);
    }

  builder = begin_success (call);
  json_builder_set_member_name (builder, "Code");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "PageNumber");
  json_builder_add_int_value (builder, page_number);
  json_builder_set_member_name (builder, "PageSize");
  json_builder_add_int_value (builder, page_size);
  json_builder_set_member_name (builder, "TotalCount");
  json_builder_add_int_value (builder, matching->len);
  json_builder_set_member_name (builder, "Images");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "Image");
  json_builder_begin_array (builder);
  first = (guint64) (page_number - 1) * page_size;
  for (guint64 i = first; i < matching->len && i < first + page_size; i++)
    add_image (builder, g_ptr_array_index (matching, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  finish_success (call, builder);
}

static void
process_call (EnsEmulator        *self,
              const char         *path,
              SoupMessageHeaders *headers,
              Call               *call)
{
  EmuKey *key;

  if ((strcmp (call->method, "GET") != 0 && strcmp (call->method, "POST") != 0) ||
      g_strcmp0 (path, "/") != 0)
    {
      call_error (call, 404, "InvalidAction.NotFound",
                  "Specified api is not found, please check your url and method.");
      return;
    }

  if (!call->params_ok)
    {
      call_error (call, 400, "InvalidParameter",
                  "The request parameters are not correctly percent-encoded.");
      return;
    }

  if (call->is_v3)
    key = authenticate_v3 (self, headers, call);
  else
    key = authenticate_v1 (self, call);

  if (key == NULL)
    return;

  g_debug ("%s by %s", call->action, key->id);

  if (strcmp (call->action, "ModifyImageSharePermission") == 0)
    modify_image_share_permission (self, call, key);
  else if (strcmp (call->action, "DescribeImageSharePermission") == 0)
    describe_image_share_permission (self, call);
  else
    describe_images (self, call);
}

/* Faults */

static const char *
fault_to_string (EnsEmulatorFault fault)
{
  switch (fault)
    {
    case ENS_EMULATOR_FAULT_NONE:               return NULL;
    case ENS_EMULATOR_FAULT_MALFORMED_JSON:     return "malformed-json";
    case ENS_EMULATOR_FAULT_HTML_ERROR:         return "html-error";
    case ENS_EMULATOR_FAULT_STALL:              return "stall";
    case ENS_EMULATOR_FAULT_RESET:              return "reset";
    case ENS_EMULATOR_FAULT_OVERSIZED:          return "oversized";
    case ENS_EMULATOR_FAULT_EMPTY_BODY:         return "empty-body";
    case ENS_EMULATOR_FAULT_WRONG_CONTENT_TYPE: return "wrong-content-type";
    default:                                    return NULL;
    }
}

static EnsEmulatorFault
take_fault (EnsEmulator *self)
{
  EnsEmulatorFault fault = self->fault;

  if (fault != ENS_EMULATOR_FAULT_NONE && self->fault_remaining > 0)
    {
      self->fault_remaining--;
      if (self->fault_remaining == 0)
        self->fault = ENS_EMULATOR_FAULT_NONE;
    }

  return fault;
}

static void
call_set_raw (Call       *call,
              guint       status,
              const char *content_type,
              char       *body,
              gsize       length)
{
  call->status = status;
  call->content_type = content_type;
  g_free (call->response);
  call->response = body;
  call->response_len = length;
}

static void
fake_malformed_json (Call *call)
{
  char *body = g_strdup_printf ("{\"RequestId\":\"%s\",\"TotalCount\":3,\"Accounts\":{\"Account\":"
                                "[{\"AliyunUid\":\"12345", call->request_id);

  call_set_raw (call, 200, JSON_CONTENT_TYPE, body, strlen (body));
}

static void
fake_html_error (Call *call)
{
  static const char page[] =
    "<!DOCTYPE html>\n<html>\n<head><title>500 Internal Server Error</title></head>\n"
    "<body>\n<center><h1>500 Internal Server Error</h1></center>\n"
    "<hr><center>Tengine</center>\n</body>\n</html>\n";

  call_set_raw (call, 500, "text/html;charset=utf-8", g_strdup (page), strlen (page));
  set_str (&call->code, "html-error");
}

static void
fake_oversized (Call *call)
{
  GString *body = g_string_sized_new (OVERSIZED_BODY_SIZE + 128);
  gsize length;

  g_string_append_printf (body, "{\"RequestId\":\"%s\",\"Padding\":\"", call->request_id);
  while (body->len < OVERSIZED_BODY_SIZE)
    g_string_append (body, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  g_string_append (body, "\"}");

  length = body->len;
  call_set_raw (call, 200, JSON_CONTENT_TYPE, g_string_free (body, FALSE), length);
}

/* Sends the status line, headers that promise a longer body and the
 * start of that body, then closes the socket, so the client sees a
 * connection that breaks in the middle of an answer.  libsoup's own
 * attempt to write the answer afterwards fails quietly on the closed
 * socket. */
static void
reset_connection (Call              *call,
                  SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  g_autofree char *partial = NULL;

  partial = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                             "Content-Type: " JSON_CONTENT_TYPE "\r\n"
                             "Content-Length: 4096\r\n"
                             "\r\n"
                             "{\"RequestId\":\"%s\",\"Images\":{\"Image\":[",
                             call->request_id);

  if (socket != NULL)
    {
      g_socket_send (socket, partial, strlen (partial), NULL, NULL);
      g_socket_shutdown (socket, TRUE, TRUE, NULL);
    }
}

/* The request log */

static void
write_log (EnsEmulator *self,
           Call        *call)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *time = NULL;
  g_autofree char *line = NULL;
  gsize length;

  if (self->log == NULL)
    return;

  now = g_date_time_new_now_utc ();
  time = g_date_time_format_iso8601 (now);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_string_member (builder, "time", time);
  add_string_member (builder, "method", call->method);
  ens_json_builder_add_nullable_string (builder, "action", call->action);
  ens_json_builder_add_nullable_string (builder, "AccessKeyId", call->access_key_id);
  ens_json_builder_add_nullable_string (builder, "image", call->image_id);
  json_builder_set_member_name (builder, "status");
  if (call->status != 0)
    json_builder_add_int_value (builder, call->status);
  else
    json_builder_add_null_value (builder);
  ens_json_builder_add_nullable_string (builder, "code", call->code);
  add_string_member (builder, "RequestId", call->request_id);
  if (call->fault != NULL)
    add_string_member (builder, "fault", call->fault);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  line = json_node_to_data (root, &length);

  if (!g_output_stream_write_all (self->log, line, length, NULL, NULL, &error) ||
      !g_output_stream_write_all (self->log, "\n", 1, NULL, NULL, &error) ||
      !g_output_stream_flush (self->log, NULL, &error))
    g_warning ("Could not write the emulator log: %s", error->message);
}

/* The handler */

static void
respond (EnsEmulator       *self,
         SoupServerMessage *msg,
         Call              *call)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "x-acs-request-id", call->request_id);
  if (call->code != NULL && g_str_has_prefix (call->code, "Throttling") && self->retry_after > 0)
    {
      g_autofree char *seconds = g_strdup_printf ("%u", self->retry_after);

      soup_message_headers_replace (headers, "x-acs-retry-after", seconds);
    }

  soup_server_message_set_status (msg, call->status, NULL);
  soup_server_message_set_response (msg, call->content_type, SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&call->response), call->response_len);
  call->response_len = 0;
}

/* The answer without an injected fault: the n-th request is throttled or
 * failed when the emulator is told so, or else really processed.  Shared
 * by the server and ens_emulator_handle_raw(). */
static void
answer_call (EnsEmulator        *self,
             guint               n,
             const char         *path,
             SoupMessageHeaders *headers,
             Call               *call)
{
  if (self->throttle_every > 0 && n % self->throttle_every == 0)
    call_error (call, 400, "Throttling.User", "Request was denied due to user flow control.");
  else if (self->fail_every > 0 && n % self->fail_every == 0 && self->fail_status == 503)
    call_error (call, 503, "ServiceUnavailable",
                "The request has failed due to a temporary failure of the server.");
  else if (self->fail_every > 0 && n % self->fail_every == 0)
    call_error (call, 500, "InternalError",
                "The request processing has failed due to some unknown error, "
                "exception or failure.");
  else
    process_call (self, path, headers, call);
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  EnsEmulator *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(Call) call = NULL;
  EnsEmulatorFault fault;
  guint n;

  n = ++self->request_count;
  /* The URI keeps the query as it came on the wire (SOUP_HTTP_URI_FLAGS
   * includes G_URI_FLAGS_ENCODED_QUERY), so it is decoded only in
   * call_parse(). */
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  call = call_parse (soup_server_message_get_method (msg), g_uri_get_query (uri), headers, body);
  fault = take_fault (self);
  call->fault = fault_to_string (fault);

  switch (fault)
    {
    case ENS_EMULATOR_FAULT_STALL:
      write_log (self, call);
      hold_message (self, msg, 0);
      return;

    case ENS_EMULATOR_FAULT_RESET:
      write_log (self, call);
      reset_connection (call, msg);
      /* Something valid for libsoup to (fail to) write. */
      soup_server_message_set_status (msg, 200, NULL);
      return;

    case ENS_EMULATOR_FAULT_MALFORMED_JSON:
      fake_malformed_json (call);
      break;

    case ENS_EMULATOR_FAULT_HTML_ERROR:
      fake_html_error (call);
      break;

    case ENS_EMULATOR_FAULT_OVERSIZED:
      fake_oversized (call);
      break;

    case ENS_EMULATOR_FAULT_EMPTY_BODY:
      call_set_raw (call, 200, JSON_CONTENT_TYPE, NULL, 0);
      break;

    case ENS_EMULATOR_FAULT_WRONG_CONTENT_TYPE:
      process_call (self, g_uri_get_path (uri), headers, call);
      call->content_type = "text/plain;charset=utf-8";
      break;

    case ENS_EMULATOR_FAULT_NONE:
    default:
      answer_call (self, n, g_uri_get_path (uri), headers, call);
      break;
    }

  respond (self, msg, call);
  write_log (self, call);

  if (self->latency_ms > 0)
    hold_message (self, msg, self->latency_ms);
}

/* GObject */

static void
ens_emulator_dispose (GObject *object)
{
  EnsEmulator *self = (EnsEmulator *) object;

  ens_emulator_stop (self);
  g_clear_object (&self->server);
  if (self->log != NULL)
    g_output_stream_close (self->log, NULL, NULL);
  g_clear_object (&self->log);

  G_OBJECT_CLASS (ens_emulator_parent_class)->dispose (object);
}

static void
ens_emulator_finalize (GObject *object)
{
  EnsEmulator *self = (EnsEmulator *) object;

  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->image_order, g_ptr_array_unref);
  g_clear_pointer (&self->images, g_hash_table_unref);
  g_clear_pointer (&self->keys, g_hash_table_unref);

  G_OBJECT_CLASS (ens_emulator_parent_class)->finalize (object);
}

static void
ens_emulator_class_init (EnsEmulatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ens_emulator_dispose;
  object_class->finalize = ens_emulator_finalize;
}

static void
ens_emulator_init (EnsEmulator *self)
{
  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                      (GDestroyNotify) emu_key_free);
  self->images = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) emu_image_free);
  self->image_order = g_ptr_array_new ();
  self->pending = g_hash_table_new_full (g_direct_hash, g_direct_equal,
                                         (GDestroyNotify) pending_free, NULL);
  self->fail_status = 500;
}

/* Public API */

/**
 * ens_emulator_new:
 *
 * Creates an emulator with no keys and no images.  Call
 * ens_emulator_listen() to start serving.
 *
 * Returns: (transfer full): a new #EnsEmulator
 */
EnsEmulator *
ens_emulator_new (void)
{
  return g_object_new (ENS_TYPE_EMULATOR, NULL);
}

static void
add_key (EnsEmulator *self,
         const char  *access_key_id,
         const char  *secret,
         const char  *security_token,
         gboolean     read_only,
         gboolean     expired)
{
  EmuKey *key = g_new0 (EmuKey, 1);

  key->id = g_strdup (access_key_id);
  key->secret = g_strdup (secret);
  key->security_token = g_strdup (security_token);
  key->read_only = read_only;
  key->expired = expired;
  key->nonces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_hash_table_replace (self->keys, key->id, key);
}

/**
 * ens_emulator_add_key:
 * @access_key_id: the AccessKey ID
 * @secret: its secret
 * @read_only: whether ModifyImageSharePermission is refused (NoPermission)
 *
 * Registers a long-term AccessKey, replacing one with the same ID.
 */
void
ens_emulator_add_key (EnsEmulator *self,
                      const char  *access_key_id,
                      const char  *secret,
                      gboolean     read_only)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));
  g_return_if_fail (access_key_id != NULL && *access_key_id != '\0');
  g_return_if_fail (secret != NULL);

  add_key (self, access_key_id, secret, NULL, read_only, FALSE);
}

/**
 * ens_emulator_add_sts_key:
 * @access_key_id: the temporary AccessKey ID (usually "STS.…")
 * @secret: its secret
 * @security_token: the SecurityToken that must come with it
 * @expired: whether the token has expired (InvalidSecurityToken.Expired)
 *
 * Registers STS credentials, replacing a key with the same ID.
 */
void
ens_emulator_add_sts_key (EnsEmulator *self,
                          const char  *access_key_id,
                          const char  *secret,
                          const char  *security_token,
                          gboolean     expired)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));
  g_return_if_fail (access_key_id != NULL && *access_key_id != '\0');
  g_return_if_fail (secret != NULL);
  g_return_if_fail (security_token != NULL && *security_token != '\0');

  add_key (self, access_key_id, secret, security_token, FALSE, expired);
}

/**
 * ens_emulator_add_image:
 * @image_id: the image ID
 * @image_name: (nullable): its name
 * @owner_alias: (nullable): "self" (default), "system" or "others"; only
 *   "self" images can be shared
 * @platform: (nullable): e.g. "ubuntu"
 * @creation_time: (nullable): e.g. "2024-01-01T00:00:00Z"
 *
 * Adds an image, or updates the details of one that exists (its shares
 * are kept).
 */
void
ens_emulator_add_image (EnsEmulator *self,
                        const char  *image_id,
                        const char  *image_name,
                        const char  *owner_alias,
                        const char  *platform,
                        const char  *creation_time)
{
  EmuImage *image;

  g_return_if_fail (ENS_IS_EMULATOR (self));
  g_return_if_fail (image_id != NULL && *image_id != '\0');

  image = g_hash_table_lookup (self->images, image_id);
  if (image == NULL)
    {
      image = g_new0 (EmuImage, 1);
      image->id = g_strdup (image_id);
      image->shares = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->images, image->id, image);
      g_ptr_array_add (self->image_order, image);
    }

  set_str (&image->name, image_name);
  set_str (&image->owner_alias, owner_alias != NULL ? owner_alias : "self");
  set_str (&image->platform, platform);
  set_str (&image->creation_time, creation_time);
}

/**
 * ens_emulator_set_shares:
 * @image_id: an image added before
 * @accounts: (nullable) (array zero-terminated=1): the account IDs
 *
 * Replaces the list of accounts @image_id is shared with.
 */
void
ens_emulator_set_shares (EnsEmulator        *self,
                         const char         *image_id,
                         const char * const *accounts)
{
  EmuImage *image;

  g_return_if_fail (ENS_IS_EMULATOR (self));
  g_return_if_fail (image_id != NULL);

  image = g_hash_table_lookup (self->images, image_id);
  g_return_if_fail (image != NULL);

  g_ptr_array_set_size (image->shares, 0);
  for (guint i = 0; accounts != NULL && accounts[i] != NULL; i++)
    if (!image_has_share (image, accounts[i], NULL))
      g_ptr_array_add (image->shares, g_strdup (accounts[i]));
}

/**
 * ens_emulator_dup_shares:
 * @image_id: an image ID
 *
 * Returns: (transfer full) (nullable): the accounts @image_id is shared
 *   with, in the order they were added, or %NULL for an unknown image
 */
GStrv
ens_emulator_dup_shares (EnsEmulator *self,
                         const char  *image_id)
{
  EmuImage *image;
  GStrv shares;

  g_return_val_if_fail (ENS_IS_EMULATOR (self), NULL);
  g_return_val_if_fail (image_id != NULL, NULL);

  image = g_hash_table_lookup (self->images, image_id);
  if (image == NULL)
    return NULL;

  shares = g_new0 (char *, image->shares->len + 1);
  for (guint i = 0; i < image->shares->len; i++)
    shares[i] = g_strdup (g_ptr_array_index (image->shares, i));

  return shares;
}

static const char *
get_seed_string (JsonObject *object,
                 const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
get_seed_boolean (JsonObject *object,
                  const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

static gboolean
seed_error (GError     **error,
            const char  *path,
            const char  *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "%s: %s", path, what);
  return FALSE;
}

/**
 * ens_emulator_load_seed:
 * @path: a JSON seed file (the format is described at the top of this file)
 * @error: return location for a #GError
 *
 * Adds the keys, images and shares of @path.  Nothing is added when the
 * file is not valid.
 *
 * Returns: %TRUE on success
 */
gboolean
ens_emulator_load_seed (EnsEmulator  *self,
                        const char   *path,
                        GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *keys = NULL;
  JsonArray *images = NULL;
  JsonObject *shares = NULL;
  JsonNode *node;

  g_return_val_if_fail (ENS_IS_EMULATOR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!json_parser_load_from_file (parser, path, error))
    return FALSE;

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return seed_error (error, path, "the root is not an object");
  root = json_node_get_object (node);

  /* Validate everything first so a bad file changes nothing. */
  if ((node = json_object_get_member (root, "keys")) != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return seed_error (error, path, "\"keys\" is not an array");
      keys = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (keys); i++)
        {
          JsonNode *element = json_array_get_element (keys, i);

          if (!JSON_NODE_HOLDS_OBJECT (element) ||
              get_seed_string (json_node_get_object (element), "id") == NULL ||
              get_seed_string (json_node_get_object (element), "secret") == NULL)
            return seed_error (error, path, "every key needs \"id\" and \"secret\" strings");
        }
    }

  if ((node = json_object_get_member (root, "images")) != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return seed_error (error, path, "\"images\" is not an array");
      images = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (images); i++)
        {
          JsonNode *element = json_array_get_element (images, i);

          if (!JSON_NODE_HOLDS_OBJECT (element) ||
              get_seed_string (json_node_get_object (element), "ImageId") == NULL)
            return seed_error (error, path, "every image needs an \"ImageId\" string");
        }
    }

  if ((node = json_object_get_member (root, "shares")) != NULL)
    {
      g_autoptr(GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return seed_error (error, path, "\"shares\" is not an object");
      shares = json_node_get_object (node);
      members = json_object_get_members (shares);
      for (const GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *list = json_object_get_member (shares, l->data);
          gboolean known = g_hash_table_contains (self->images, l->data);

          for (guint i = 0; images != NULL && !known && i < json_array_get_length (images); i++)
            known = g_strcmp0 (get_seed_string (json_array_get_object_element (images, i),
                                                "ImageId"), l->data) == 0;
          if (!known)
            return seed_error (error, path, "\"shares\" names an image that does not exist");
          if (!JSON_NODE_HOLDS_ARRAY (list))
            return seed_error (error, path, "every entry of \"shares\" must be an array");
          for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
            {
              JsonNode *account = json_array_get_element (json_node_get_array (list), i);

              if (json_node_get_value_type (account) != G_TYPE_STRING ||
                  !is_digits (json_node_get_string (account)))
                return seed_error (error, path, "shared accounts must be strings of digits");
            }
        }
    }

  for (guint i = 0; keys != NULL && i < json_array_get_length (keys); i++)
    {
      JsonObject *key = json_array_get_object_element (keys, i);
      const char *token = get_seed_string (key, "security_token");

      add_key (self, get_seed_string (key, "id"), get_seed_string (key, "secret"),
               token != NULL && *token != '\0' ? token : NULL,
               get_seed_boolean (key, "read_only"), get_seed_boolean (key, "expired"));
    }

  for (guint i = 0; images != NULL && i < json_array_get_length (images); i++)
    {
      JsonObject *image = json_array_get_object_element (images, i);

      ens_emulator_add_image (self,
                              get_seed_string (image, "ImageId"),
                              get_seed_string (image, "ImageName"),
                              get_seed_string (image, "ImageOwnerAlias"),
                              get_seed_string (image, "Platform"),
                              get_seed_string (image, "CreationTime"));
    }

  if (shares != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (shares);

      for (const GList *l = members; l != NULL; l = l->next)
        {
          JsonArray *list = json_object_get_array_member (shares, l->data);
          g_autoptr(GPtrArray) accounts = g_ptr_array_new ();

          for (guint i = 0; i < json_array_get_length (list); i++)
            g_ptr_array_add (accounts, (gpointer) json_array_get_string_element (list, i));
          g_ptr_array_add (accounts, NULL);

          ens_emulator_set_shares (self, l->data, (const char * const *) accounts->pdata);
        }
    }

  return TRUE;
}

/**
 * ens_emulator_load_demo:
 *
 * Adds the demo key (%ENS_EMULATOR_DEMO_KEY_ID) and a few sample images
 * owned by "self", some of them already shared, plus one public image.
 */
void
ens_emulator_load_demo (EnsEmulator *self)
{
  static const char * const web_shares[] = { "1234567890123456", "6543210987654321", NULL };
  static const char * const db_shares[] = { "1122334455667788", NULL };

  g_return_if_fail (ENS_IS_EMULATOR (self));

  ens_emulator_add_key (self, ENS_EMULATOR_DEMO_KEY_ID, ENS_EMULATOR_DEMO_KEY_SECRET, FALSE);

  ens_emulator_add_image (self, "m-5s7qotzavwbrnzaqh4undemo1", "web-frontend-2024",
                          "self", "ubuntu", "2024-03-18T09:12:44Z");
  ens_emulator_add_image (self, "m-6kf2d9a0tzd5ipwx5fiqdemo2", "postgres-16-primary",
                          "self", "debian", "2024-05-02T14:30:05Z");
  ens_emulator_add_image (self, "m-7pq3r8b1uye6jqxy6gjkdemo3", "video-transcoder",
                          "self", "centos", "2024-07-21T06:45:19Z");
  ens_emulator_add_image (self, "m-8ab4c9d2vzf7krzz7hkmdemo4", "edge-cache-nginx",
                          "self", "ubuntu", "2024-09-09T11:03:57Z");
  ens_emulator_add_image (self, "ubuntu_22_04_x64_20G_alibase_20240101", "Ubuntu 22.04 64 bit",
                          "system", "ubuntu", "2024-01-01T00:00:00Z");

  ens_emulator_set_shares (self, "m-5s7qotzavwbrnzaqh4undemo1", web_shares);
  ens_emulator_set_shares (self, "m-6kf2d9a0tzd5ipwx5fiqdemo2", db_shares);
}

/**
 * ens_emulator_listen:
 * @port: the TCP port, or 0 for any free one
 * @error: return location for a #GError
 *
 * Starts serving on 127.0.0.1 (never on other interfaces) in the
 * thread-default main context.
 *
 * Returns: %TRUE on success
 */
gboolean
ens_emulator_listen (EnsEmulator  *self,
                     guint         port,
                     GError      **error)
{
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSList) listeners = NULL;

  g_return_val_if_fail (ENS_IS_EMULATOR (self), FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (self->port == 0, FALSE);

  if (self->server == NULL)
    {
      self->server = soup_server_new ("server-header", "ens-emulator ", NULL);
      soup_server_add_handler (self->server, NULL, server_callback, self, NULL);
    }

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, port);
  if (!soup_server_listen (self->server, address, 0, error))
    return FALSE;

  /* The port comes from the listening socket itself: soup_server_get_uris()
   * leaks a socket address in libsoup 3.2. */
  listeners = soup_server_get_listeners (self->server);
  if (listeners != NULL)
    local = g_socket_get_local_address (listeners->data, error);
  if (local == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The emulator is not listening");
      soup_server_disconnect (self->server);
      return FALSE;
    }
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));

  g_debug ("ENS emulator listening on port %u", self->port);

  return TRUE;
}

/**
 * ens_emulator_dup_url:
 *
 * Returns: (transfer full) (nullable): "http://127.0.0.1:PORT", or %NULL
 *   when not listening
 */
char *
ens_emulator_dup_url (EnsEmulator *self)
{
  g_return_val_if_fail (ENS_IS_EMULATOR (self), NULL);

  if (self->port == 0)
    return NULL;

  return g_strdup_printf ("http://127.0.0.1:%u", self->port);
}

/**
 * ens_emulator_stop:
 *
 * Stops listening and closes every connection, including stalled and
 * delayed ones.  ens_emulator_listen() may be called again afterwards.
 */
void
ens_emulator_stop (EnsEmulator *self)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));

  g_hash_table_remove_all (self->pending);

  if (self->server != NULL)
    soup_server_disconnect (self->server);

  self->port = 0;
}

/**
 * ens_emulator_get_request_count:
 *
 * Returns: how many requests arrived so far, faulted ones included
 */
guint
ens_emulator_get_request_count (EnsEmulator *self)
{
  g_return_val_if_fail (ENS_IS_EMULATOR (self), 0);

  return self->request_count;
}

/**
 * ens_emulator_set_latency:
 * @milliseconds: delay before each answer; 0 for none
 *
 * The delay never blocks: answers to concurrent requests overlap.
 */
void
ens_emulator_set_latency (EnsEmulator *self,
                          guint        milliseconds)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));

  self->latency_ms = milliseconds;
}

/**
 * ens_emulator_set_throttle_every:
 * @n: answer every @n-th request (by request count) with 400
 *   Throttling.User; 0 turns it off
 */
void
ens_emulator_set_throttle_every (EnsEmulator *self,
                                 guint        n)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));

  self->throttle_every = n;
}

/**
 * ens_emulator_set_fail_every:
 * @n: fail every @n-th request (by request count); 0 turns it off
 * @status: 500 (InternalError) or 503 (ServiceUnavailable)
 */
void
ens_emulator_set_fail_every (EnsEmulator *self,
                             guint        n,
                             guint        status)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));
  g_return_if_fail (status == 500 || status == 503);

  self->fail_every = n;
  self->fail_status = status;
}

/**
 * ens_emulator_set_fault:
 * @fault: the fault to inject
 * @count: how many of the next requests get it; 0 for all of them
 *
 * Faults replace the answer before any check, so they change no state;
 * only %ENS_EMULATOR_FAULT_WRONG_CONTENT_TYPE processes the request and
 * mislabels the real answer.
 */
void
ens_emulator_set_fault (EnsEmulator      *self,
                        EnsEmulatorFault  fault,
                        guint             count)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));
  g_return_if_fail (fault <= ENS_EMULATOR_FAULT_WRONG_CONTENT_TYPE);

  self->fault = fault;
  self->fault_remaining = fault == ENS_EMULATOR_FAULT_NONE ? 0 : count;
}

/**
 * ens_emulator_set_retry_after:
 * @seconds: the x-acs-retry-after value sent with throttling answers; 0
 *   for none
 */
void
ens_emulator_set_retry_after (EnsEmulator *self,
                              guint        seconds)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));

  self->retry_after = seconds;
}

/**
 * ens_emulator_set_clock_offset:
 * @seconds: how far the emulator's clock runs ahead (negative: behind)
 */
void
ens_emulator_set_clock_offset (EnsEmulator *self,
                               gint64       seconds)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));

  self->clock_offset = seconds;
}

/**
 * ens_emulator_set_log_path:
 * @path: (nullable): a file to append JSON lines to, or %NULL to stop
 * @error: return location for a #GError
 *
 * Logs one line per request: time, method, action, AccessKeyId, image,
 * status, code, RequestId and the injected fault.  Never a signature,
 * an Authorization header, a secret or a security token.
 *
 * Returns: %TRUE on success
 */
gboolean
ens_emulator_set_log_path (EnsEmulator  *self,
                           const char   *path,
                           GError      **error)
{
  g_autoptr(GFile) file = NULL;
  GFileOutputStream *stream;

  g_return_val_if_fail (ENS_IS_EMULATOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->log != NULL)
    g_output_stream_close (self->log, NULL, NULL);
  g_clear_object (&self->log);

  if (path == NULL)
    return TRUE;

  file = g_file_new_for_path (path);
  stream = g_file_append_to (file, G_FILE_CREATE_PRIVATE, NULL, error);
  if (stream == NULL)
    return FALSE;

  self->log = G_OUTPUT_STREAM (stream);

  return TRUE;
}

/**
 * ens_emulator_handle_raw:
 * @method: the HTTP method, e.g. "POST"
 * @raw_query: (nullable): the query string exactly as it would come on
 *   the wire, still percent-encoded, without the '?'
 * @headers: (nullable): the request headers (Authorization, x-acs-*, …)
 * @body: (nullable): the request body
 * @response_body: (out) (optional): the answer's body
 *
 * Answers one request to the path "/" without any socket: the same
 * parsing, signature checks and actions as the server (and the same
 * throttling and failure settings), but no injected fault and no
 * latency.  It counts as a request and is written to the log.  Meant for
 * the fuzz harness and tests.
 *
 * Returns: the HTTP status of the answer
 */
guint
ens_emulator_handle_raw (EnsEmulator         *self,
                         const char          *method,
                         const char          *raw_query,
                         SoupMessageHeaders  *headers,
                         GBytes              *body,
                         GBytes             **response_body)
{
  g_autoptr(SoupMessageHeaders) empty = NULL;
  g_autoptr(Call) call = NULL;
  guint n;

  g_return_val_if_fail (ENS_IS_EMULATOR (self), 0);
  g_return_val_if_fail (method != NULL, 0);

  if (headers == NULL)
    headers = empty = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);

  n = ++self->request_count;
  call = call_parse (method, raw_query, headers, body);
  answer_call (self, n, "/", headers, call);
  write_log (self, call);

  if (response_body != NULL)
    {
      *response_body = g_bytes_new_take (g_steal_pointer (&call->response), call->response_len);
      call->response_len = 0;
    }

  return call->status;
}
