/* ens-emulator.h
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

#include <glib-object.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/**
 * ENS_EMULATOR_DEMO_KEY_ID:
 *
 * The AccessKey ID that ens_emulator_load_demo() registers.  It and its
 * secret are public on purpose: they only ever open the local emulator.
 */
#define ENS_EMULATOR_DEMO_KEY_ID     "LTAI5tDemoDemoDemoDemo00"
#define ENS_EMULATOR_DEMO_KEY_SECRET "DemoSecretDemoSecretDemoSecre"

/**
 * ENS_EMULATOR_DEMO_ACCOUNT_ID:
 *
 * The account that owns the demo key (and every key whose owner is not
 * given): what GetCallerIdentity answers as AccountId.
 */
#define ENS_EMULATOR_DEMO_ACCOUNT_ID "5123456789012345"
#define ENS_EMULATOR_DEMO_USER_NAME  "demo-operator"

#define ENS_TYPE_EMULATOR (ens_emulator_get_type ())

G_DECLARE_FINAL_TYPE (EnsEmulator, ens_emulator, ENS, EMULATOR, GObject)

/**
 * EnsEmulatorFault:
 * @ENS_EMULATOR_FAULT_NONE: answer normally
 * @ENS_EMULATOR_FAULT_MALFORMED_JSON: 200 with a truncated JSON body
 * @ENS_EMULATOR_FAULT_HTML_ERROR: 500 with an HTML error page
 * @ENS_EMULATOR_FAULT_STALL: never answer
 * @ENS_EMULATOR_FAULT_RESET: send part of an answer, then close the connection
 * @ENS_EMULATOR_FAULT_OVERSIZED: 200 with a JSON body larger than 1 MiB
 * @ENS_EMULATOR_FAULT_EMPTY_BODY: 200 with an empty body
 * @ENS_EMULATOR_FAULT_WRONG_CONTENT_TYPE: the real answer, labelled text/plain
 * @ENS_EMULATOR_FAULT_APPLY_RESET: carry the request out, then close the
 *   connection before the answer (a server that dies after the change)
 * @ENS_EMULATOR_FAULT_ACCESS_DENIED: 403 Forbidden.RAM with an AccessDeniedDetail
 *   naming the request's action
 *
 * Faults the emulator can inject in place of an answer.
 */
typedef enum
{
  ENS_EMULATOR_FAULT_NONE,
  ENS_EMULATOR_FAULT_MALFORMED_JSON,
  ENS_EMULATOR_FAULT_HTML_ERROR,
  ENS_EMULATOR_FAULT_STALL,
  ENS_EMULATOR_FAULT_RESET,
  ENS_EMULATOR_FAULT_OVERSIZED,
  ENS_EMULATOR_FAULT_EMPTY_BODY,
  ENS_EMULATOR_FAULT_WRONG_CONTENT_TYPE,
  ENS_EMULATOR_FAULT_APPLY_RESET,
  ENS_EMULATOR_FAULT_ACCESS_DENIED,
} EnsEmulatorFault;

EnsEmulator *ens_emulator_new                (void);
void         ens_emulator_add_key            (EnsEmulator         *self,
                                              const char          *access_key_id,
                                              const char          *secret,
                                              gboolean             read_only);
void         ens_emulator_add_sts_key        (EnsEmulator         *self,
                                              const char          *access_key_id,
                                              const char          *secret,
                                              const char          *security_token,
                                              gboolean             expired);
void         ens_emulator_add_image          (EnsEmulator         *self,
                                              const char          *image_id,
                                              const char          *image_name,
                                              const char          *owner_alias,
                                              const char          *platform,
                                              const char          *creation_time);
void         ens_emulator_set_key_owner      (EnsEmulator         *self,
                                              const char          *access_key_id,
                                              const char          *account_id,
                                              const char          *user_name);
void         ens_emulator_set_image_status   (EnsEmulator         *self,
                                              const char          *image_id,
                                              const char          *status);
void         ens_emulator_refuse_action      (EnsEmulator         *self,
                                              const char          *action,
                                              guint                status,
                                              const char          *code);
void         ens_emulator_set_shares         (EnsEmulator         *self,
                                              const char          *image_id,
                                              const char * const  *accounts);
GStrv        ens_emulator_dup_shares         (EnsEmulator         *self,
                                              const char          *image_id);
gboolean     ens_emulator_load_seed          (EnsEmulator         *self,
                                              const char          *path,
                                              GError             **error);
void         ens_emulator_load_demo          (EnsEmulator         *self);
gboolean     ens_emulator_listen             (EnsEmulator         *self,
                                              guint                port,
                                              GError             **error);
char        *ens_emulator_dup_url            (EnsEmulator         *self);
void         ens_emulator_stop               (EnsEmulator         *self);
guint        ens_emulator_get_request_count  (EnsEmulator         *self);
void         ens_emulator_set_latency        (EnsEmulator         *self,
                                              guint                milliseconds);
void         ens_emulator_set_latency_jitter (EnsEmulator         *self,
                                              guint                milliseconds);
void         ens_emulator_set_throttle_every (EnsEmulator         *self,
                                              guint                n);
void         ens_emulator_set_max_qps        (EnsEmulator         *self,
                                              guint                max_qps);
guint        ens_emulator_get_max_qps        (EnsEmulator         *self);
guint        ens_emulator_get_throttled_count (EnsEmulator        *self);
void         ens_emulator_set_fail_every     (EnsEmulator         *self,
                                              guint                n,
                                              guint                status);
void         ens_emulator_set_fault          (EnsEmulator         *self,
                                              EnsEmulatorFault     fault,
                                              guint                count);
void         ens_emulator_set_fault_skip     (EnsEmulator         *self,
                                              guint                n);
void         ens_emulator_set_retry_after    (EnsEmulator         *self,
                                              guint                seconds);
void         ens_emulator_set_clock_offset   (EnsEmulator         *self,
                                              gint64               seconds);
gboolean     ens_emulator_set_log_path       (EnsEmulator         *self,
                                              const char          *path,
                                              GError             **error);
guint        ens_emulator_handle_raw         (EnsEmulator         *self,
                                              const char          *method,
                                              const char          *raw_query,
                                              SoupMessageHeaders  *headers,
                                              GBytes              *body,
                                              GBytes             **response_body);

G_END_DECLS
