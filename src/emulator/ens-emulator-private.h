/* ens-emulator-private.h
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

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ens-emulator.h"

G_BEGIN_DECLS

/*
 * Between the parts of EnsEmulator:
 *   ens-emulator.c          the GObject, the server and its handler, settings
 *   ens-emulator-request.c  parsing a request; building answers
 *   ens-emulator-auth.c     V1 and V3 signature checks, keys, tokens, nonces
 *   ens-emulator-actions.c  the three sharing API actions
 *   ens-emulator-identity.c DescribeSelfImages, STS GetCallerIdentity, refused actions
 *   ens-emulator-faults.c   injected faults
 *   ens-emulator-log.c      the JSON-lines request log
 *   ens-emulator-seed.c     keys, images and shares: added by calls or from a seed file
 */

#define JSON_CONTENT_TYPE "application/json;charset=utf-8"
#define XML_CONTENT_TYPE  "text/xml;charset=utf-8"

typedef struct
{
  char       *id;
  char       *secret;
  char       *security_token;   /* NULL for a long-term key */
  gboolean    read_only;
  gboolean    expired;
  GHashTable *nonces;           /* every SignatureNonce seen with this key */
  char       *account_id;       /* the Alibaba Cloud account that owns the key */
  char       *user_name;        /* the RAM user; NULL: the account's own key */
} EmuKey;

typedef struct
{
  char      *id;
  char      *name;
  char      *owner_alias;
  char      *platform;
  char      *creation_time;
  char      *status;            /* "Available" unless the seed says otherwise */
  GPtrArray *shares;            /* of char *, in insertion order */
} EmuImage;

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
  gboolean     xml;             /* answer in XML: V1 without Format=JSON */
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
  guint             fault_skip;       /* the first N requests are spared */
  guint             retry_after;
  gint64            clock_offset;

  /* --max-qps: a token bucket, full at max(1, max_qps / 5) tokens */
  guint             max_qps;
  double            tokens;
  gint64            tokens_updated;   /* monotonic µs */
  guint             throttled_count;
  guint             latency_jitter_ms;

  GOutputStream    *log;

  GHashTable       *refused;    /* action → "STATUS CODE" it is refused with */
};

/* ens-emulator-request.c */
gboolean     _emu_set_str                   (char               **str_pointer,
                                             const char          *new_str);
gboolean     _emu_is_digits                 (const char          *str);
char        *_emu_json_node_to_data         (JsonNode            *root,
                                             gsize               *length);
const char  *_emu_get_param                 (Call                *call,
                                             const char          *name);
Call        *_emu_call_parse                (const char          *method,
                                             const char          *raw_query,
                                             SoupMessageHeaders  *headers,
                                             GBytes              *body);
void         _emu_call_free                 (Call                *call);
void         _emu_call_error                (Call                *call,
                                             guint                status,
                                             const char          *code,
                                             const char          *message);
void         _emu_call_missing              (Call                *call,
                                             const char          *name);
void         _emu_call_invalid              (Call                *call,
                                             const char          *name,
                                             const char          *why);
void         _emu_call_incomplete_signature (Call                *call,
                                             const char          *detail);
void         _emu_call_image_not_found      (Call                *call);
JsonBuilder *_emu_begin_success             (Call                *call);
void         _emu_finish_success            (Call                *call,
                                             JsonBuilder         *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, _emu_call_free)

/* ens-emulator-auth.c */
EmuKey      *_emu_authenticate_v1           (EnsEmulator         *self,
                                             Call                *call);
EmuKey      *_emu_authenticate_v3           (EnsEmulator         *self,
                                             SoupMessageHeaders  *headers,
                                             Call                *call);

/* ens-emulator-actions.c */
void         _emu_process_call              (EnsEmulator         *self,
                                             const char          *path,
                                             SoupMessageHeaders  *headers,
                                             Call                *call);
void         _emu_add_string_member         (JsonBuilder         *builder,
                                             const char          *name,
                                             const char          *value);
gboolean     _emu_image_has_share           (EmuImage            *image,
                                             const char          *account,
                                             guint               *index);
gboolean     _emu_parse_page                (Call                *call,
                                             const char          *name,
                                             guint                default_value,
                                             guint                maximum,
                                             guint               *out);
void         _emu_add_image                 (JsonBuilder         *builder,
                                             EmuImage            *image);

/* ens-emulator-identity.c */
void         _emu_describe_self_images      (EnsEmulator         *self,
                                             Call                *call);
void         _emu_get_caller_identity       (EnsEmulator         *self,
                                             Call                *call,
                                             EmuKey              *key);
gboolean     _emu_take_refusal              (EnsEmulator         *self,
                                             Call                *call);

/* ens-emulator-faults.c */
const char  *_emu_fault_to_string           (EnsEmulatorFault     fault);
EnsEmulatorFault _emu_take_fault            (EnsEmulator         *self);
void         _emu_call_set_raw              (Call                *call,
                                             guint                status,
                                             const char          *content_type,
                                             char                *body,
                                             gsize                length);
void         _emu_fake_malformed_json       (Call                *call);
void         _emu_fake_html_error           (Call                *call);
void         _emu_fake_oversized            (Call                *call);
void         _emu_fake_access_denied        (Call                *call);
void         _emu_reset_connection          (Call                *call,
                                             SoupServerMessage   *msg);

/* ens-emulator-log.c */
void         _emu_write_log                 (EnsEmulator         *self,
                                             Call                *call);

/* ens-emulator-seed.c */
void         _emu_key_free                  (EmuKey              *key);
void         _emu_image_free                (EmuImage            *image);

G_END_DECLS
