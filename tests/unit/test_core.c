/*
 * core/: cdk_buf invariants, UTF-8 validation and the Windows-1252
 * fallback, error setting.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/sha256.h"
#include "core/utf8.h"
#include "support/testutil.h"

START_TEST(buf_grows_and_terminates)
{
    struct cdk_buf b = CDK_BUF_INIT;
    int i;

    ck_assert_ptr_nonnull(b.buf);
    ck_assert_str_eq(b.buf, "");
    for (i = 0; i < 1000; i++)
        cdk_buf_addf(&b, "%d,", i);
    ck_assert_uint_eq(b.len, strlen(b.buf));
    ck_assert(strncmp(b.buf, "0,1,2,", 6) == 0);
    cdk_buf_reset(&b);
    ck_assert_str_eq(b.buf, "");
    cdk_buf_release(&b);
}
END_TEST

START_TEST(buf_max_refuses_cleanly)
{
    struct cdk_buf b = CDK_BUF_INIT;

    b.max = 8;
    ck_assert_int_eq(cdk_buf_adds(&b, "12345678"), 0);
    ck_assert_int_eq(cdk_buf_adds(&b, "9"), -1);
    ck_assert_int_eq(cdk_buf_addf(&b, "%s", "x"), -1);
    ck_assert_str_eq(b.buf, "12345678");
    cdk_buf_release(&b);
}
END_TEST

START_TEST(buf_trim_and_detach)
{
    struct cdk_buf b = CDK_BUF_INIT;
    size_t len;
    char *s;

    cdk_buf_adds(&b, " \t hello world \n");
    cdk_buf_trim(&b);
    ck_assert_str_eq(b.buf, "hello world");
    s = cdk_buf_detach(&b, &len);
    ck_assert_uint_eq(len, 11);
    ck_assert_str_eq(b.buf, "");
    free(s);
}
END_TEST

START_TEST(utf8_validation)
{
    size_t bad = 99;

    ck_assert(cdk_utf8_valid("plain", 5, NULL));
    ck_assert(cdk_utf8_valid("Russia\xe2\x80\x99s", 10, NULL));
    ck_assert(!cdk_utf8_valid("ab\xa3" "5", 4, &bad));
    ck_assert_uint_eq(bad, 2);
    ck_assert(!cdk_utf8_valid("\xc0\xaf", 2, NULL));      /* overlong */
    ck_assert(!cdk_utf8_valid("\xed\xa0\x80", 3, NULL));  /* surrogate */
    ck_assert(!cdk_utf8_valid("\xe2\x80", 2, NULL));      /* truncated */
    ck_assert_uint_eq(cdk_utf8_count("Russia\xe2\x80\x99s", 10), 8);
}
END_TEST

START_TEST(cp1252_fallback)
{
    struct cdk_buf b = CDK_BUF_INIT;

    cdk_cp1252_to_utf8(&b, "\xa3" "5m \x93quoted\x94", 13);
    ck_assert_str_eq(b.buf, "\xc2\xa3" "5m \xe2\x80\x9cquoted\xe2\x80\x9d");
    ck_assert(cdk_utf8_valid(b.buf, b.len, NULL));
    cdk_buf_release(&b);
}
END_TEST

START_TEST(error_set_returns_minus_one)
{
    struct cdk_error err = CDK_ERROR_INIT;

    ck_assert_int_eq(cdk_error_set(&err, CDK_ERR_INPUT, "bad '%s'", "x"), -1);
    ck_assert_int_eq(err.code, CDK_ERR_INPUT);
    ck_assert_str_eq(err.message, "bad 'x'");
    cdk_error_prefix(&err, "could not import '%s'", "a.txt");
    ck_assert_str_eq(err.message, "could not import 'a.txt': bad 'x'");
    ck_assert_int_eq(cdk_error_set(NULL, CDK_ERR_INPUT, "ignored"), -1);
}
END_TEST

/* FIPS 180-4 examples, and a message crossing block boundaries in pieces. */
START_TEST(sha256_known_answers)
{
    unsigned char d[CDK_SHA256_LEN];
    char hex[2 * CDK_SHA256_LEN + 1];
    struct cdk_sha256 c;
    char million[1001];
    int i;

    cdk_sha256("abc", 3, d);
    cdk_sha256_hex(d, hex);
    ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223"
                          "b00361a396177a9cb410ff61f20015ad");
    cdk_sha256("", 0, d);
    cdk_sha256_hex(d, hex);
    ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb924"
                          "27ae41e4649b934ca495991b7852b855");
    cdk_sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
               d);
    cdk_sha256_hex(d, hex);
    ck_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039"
                          "a33ce45964ff2167f6ecedd419db06c1");
    memset(million, 'a', sizeof(million));
    cdk_sha256_init(&c);
    for (i = 0; i < 1000; i++)
        cdk_sha256_update(&c, million, (size_t)(i % 2 ? 999 : 1001));
    cdk_sha256_final(&c, d);
    cdk_sha256_hex(d, hex);
    ck_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67"
                          "f1809a48a497200e046d39ccc7112cd0");
}
END_TEST

static Suite *
core_suite(void)
{
    Suite *s = suite_create("core");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, buf_grows_and_terminates);
    tcase_add_test(tc, buf_max_refuses_cleanly);
    tcase_add_test(tc, buf_trim_and_detach);
    tcase_add_test(tc, utf8_validation);
    tcase_add_test(tc, cp1252_fallback);
    tcase_add_test(tc, error_set_returns_minus_one);
    tcase_add_test(tc, sha256_known_answers);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return cdk_test_run_suite(core_suite());
}
