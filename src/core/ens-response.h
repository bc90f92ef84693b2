/* ens-response.h
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

#include "ens-core-types.h"

G_BEGIN_DECLS

/*
 * Defensive parsing of ENS answers.  Success needs a 2xx HTTP status and a
 * body that does not carry an error: a "Code" other than a success code
 * (Describe answers carry "Code": 0) or "Success": false makes a 2xx
 * answer the API error it describes.  Error bodies become an
 * ENS_ERROR with the API details attached (ens_error_new_api()).  A body
 * that is not JSON, is empty, is XML/HTML, is labelled with a content type
 * other than JSON, or is larger than ENS_MAX_RESPONSE_SIZE becomes
 * ENS_ERROR_INVALID_RESPONSE (or, for a 5xx status, ENS_ERROR_SERVER),
 * never a crash.
 *
 * @content_type may be NULL (then the body alone decides).  The client,
 * not the parser, reads x-acs-retry-after (ens_error_set_retry_after_ms()).
 */

/*
 * Every text taken from an answer has a length limit, in characters, so
 * that a hostile answer (up to ENS_MAX_RESPONSE_SIZE) cannot be copied
 * into every account, row and line.  What happens to a longer value is
 * decided per field:
 *
 *   RequestId  64    (a UUID is 36)       dropped: a cut ID would point
 *                                          support at another request; a
 *                                          ModifyImageSharePermission answer
 *                                          without a usable one is rejected
 *   Code       128                         dropped from an error answer; in a
 *                                          2xx answer it makes the answer
 *                                          unexpected
 *   Message    8192  (quotes a whole       cut, with "…": a signature error
 *                     string-to-sign)      quotes the request back
 *   HostId     255   (a host name)         dropped
 *   Recommend  2048  (a URL)               dropped: a cut link leads elsewhere
 *   ImageId    128                         the page's: dropped; an image
 *                                          entry's: the entry is skipped
 *   ImageName  128   (documented 2–128)    cut, with "…"
 *   Platform   128                         cut, with "…"
 *   ImageOwnerAlias, ImageSize 32;
 *   CreationTime 64                        dropped
 *   AliyunUid / AliyunId: 1–32 digits     anything else makes the listing
 *                                          an unexpected answer
 */
#define ENS_MAX_REQUEST_ID_CHARS   64
#define ENS_MAX_CODE_CHARS         128
#define ENS_MAX_MESSAGE_CHARS      8192
#define ENS_MAX_HOST_ID_CHARS      255
#define ENS_MAX_RECOMMEND_CHARS    2048
#define ENS_MAX_IMAGE_ID_CHARS     128
#define ENS_MAX_IMAGE_NAME_CHARS   128
#define ENS_MAX_PLATFORM_CHARS     128
#define ENS_MAX_SHORT_FIELD_CHARS  32
#define ENS_MAX_TIME_CHARS         64
#define ENS_MAX_ACCOUNT_ID_DIGITS  32

JsonObject   *ens_response_parse_object        (guint        http_status,
                                                const char  *content_type,
                                                GBytes      *body,
                                                GError     **error);

/* ModifyImageSharePermission: returns the RequestId. */
char         *ens_response_parse_modify        (guint        http_status,
                                                const char  *content_type,
                                                GBytes      *body,
                                                GError     **error);

struct _EnsSharePage
{
  char      *request_id;
  char      *image_id;
  GStrv      accounts;     /* account IDs (1–32 digits), in order */
  guint      total_count;
  guint      page_number;
  guint      page_size;
};

EnsSharePage *ens_response_parse_share_page    (guint        http_status,
                                                const char  *content_type,
                                                GBytes      *body,
                                                GError     **error);
void          ens_share_page_free              (EnsSharePage *page);

struct _EnsImagePage
{
  char      *request_id;
  GPtrArray *images;       /* of EnsImage */
  guint      total_count;
  guint      page_number;
  guint      page_size;
};

EnsImagePage *ens_response_parse_image_page    (guint        http_status,
                                                const char  *content_type,
                                                GBytes      *body,
                                                GError     **error);
void          ens_image_page_free              (EnsImagePage *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EnsSharePage, ens_share_page_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EnsImagePage, ens_image_page_free)

G_END_DECLS
