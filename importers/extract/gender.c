/*
 * gender.c — what the words naming a person say of the person's sex (see
 * gender.h): sorted closed lists, searched by bisection.
 */
#include "gender.h"

#include <string.h>

/* Titles and role nouns. */
static const char *const female_words[] = {
    "actress", "aunt", "baroness", "businesswoman", "chairwoman",
    "congresswoman", "councilwoman", "countess", "dame", "daughter",
    "daughter-in-law", "duchess", "fiancee", "girl", "girlfriend",
    "granddaughter", "grandmother", "headmistress", "heiress", "hostess",
    "housewife", "lady", "landlady", "madame", "miss", "mme", "mom", "mother",
    "mother-in-law", "mrs", "ms", "mum", "niece", "policewoman", "princess",
    "queen", "sister", "sister-in-law", "spokeswoman", "sportswoman",
    "stepmother", "stewardess", "waitress", "widow", "wife", "woman",
};

static const char *const male_words[] = {
    "boy", "boyfriend", "brother-in-law", "businessman",
    "congressman", "councilman", "dad", "father", "father-in-law", "fiance",
    "grandfather", "grandson", "herr", "husband", "king", "lord", "man",
    "monsieur", "mr", "nephew", "policeman", "prince", "senor", "sir", "son",
    "son-in-law", "spokesman", "sportsman", "stepfather", "uncle", "widower",
};

/* First names, common in English-language news, that are one sex's
 * ("Kim", "Lee", "Robin", "Hilary", "Andrea" are not here). */
static const char *const female_names[] = {
    "abigail", "ada", "adele", "agnes", "aisha", "alexandra", "alice",
    "alicia", "alison", "amanda", "amelia", "amelie", "amy", "ana",
    "anastasia", "angela", "angelina", "anita", "ann", "anna", "anne",
    "annette", "annie", "barbara", "beatrice", "beatriz", "becky", "belinda",
    "beth", "betty", "beverley", "beverly", "brenda", "bridget", "britney",
    "camilla", "carla", "carmen", "carol", "caroline", "carolyn", "catherine",
    "cathy", "charlotte", "cheryl", "chloe", "christina", "christine",
    "claire", "clare", "claudia", "connie", "cynthia", "daniela", "danielle",
    "debbie", "deborah", "denise", "diana", "diane", "donna", "doris",
    "dorothy", "edith", "eleanor", "elena", "elizabeth", "ellen", "emily",
    "emma", "erica", "esther", "eva", "eve", "evelyn", "fiona", "florence",
    "frances", "gemma", "georgina", "gillian", "gloria", "grace", "hannah",
    "harriet", "hazel", "heather", "helen", "helena", "hillary", "holly",
    "ingrid", "irene", "isabel", "isabella", "jacqueline", "jane", "janet",
    "janice", "jennifer", "jenny", "jessica", "jill", "joan", "joanna",
    "joanne", "josephine", "joyce", "judith", "judy", "julia", "julie",
    "justine", "karen", "kate", "katherine", "kathleen", "kathryn", "kathy",
    "katie", "kelly", "kirsty", "laura", "lauren", "leah", "linda", "lisa",
    "liz", "lorraine", "louise", "lucy", "lynn", "madonna", "margaret",
    "maria", "marie", "martha", "martina", "mary", "maureen", "megan",
    "melanie", "melissa", "michelle", "miriam", "monica", "nancy", "natalie",
    "natasha", "nicola", "nicole", "nina", "olga", "olivia", "pamela",
    "patricia", "paula", "pauline", "penny", "rachel", "rebecca", "rita",
    "rose", "ruth", "sally", "samantha", "sandra", "sara", "sarah", "serena",
    "sharon", "sheila", "shirley", "sonia", "sophie", "stephanie", "sue",
    "susan", "suzanne", "svetlana", "sylvia", "tanya", "teresa", "theresa",
    "tina", "tracey", "tracy", "valerie", "vanessa", "venus", "victoria",
    "virginia", "wendy", "yvonne", "zoe",
};

static const char *const male_names[] = {
    "aaron", "adam", "adrian", "alan", "albert", "alexander", "andre",
    "andrew", "andy", "angus", "anthony", "antonio", "arnold", "arthur",
    "barry", "ben", "benjamin", "bernard", "bill", "billy", "bob", "brian",
    "bruce", "carl", "carlos", "charles", "christopher", "clive", "colin",
    "craig", "dan", "daniel", "darren", "dave", "david", "dean", "dennis",
    "derek", "des", "dominic", "donald", "douglas", "duncan", "eddie",
    "edward", "eric", "frank", "gary", "gavin", "geoff", "geoffrey", "george",
    "gerald", "gerry", "gordon", "graham", "greg", "harry", "henry", "howard",
    "hugh", "ian", "jack", "jacques", "james", "jason", "jeff", "jeremy",
    "jim", "jimmy", "joe", "john", "jonathan", "jose", "joseph", "juan",
    "keith", "ken", "kenneth", "kevin", "larry", "len", "leonard", "lewis",
    "luis", "malcolm", "marcus", "mark", "martin", "matthew", "michael",
    "mike", "neil", "nicholas", "nick", "nigel", "oliver", "patrick", "paul",
    "pete", "peter", "phil", "philip", "pierre", "ralph", "ray", "raymond",
    "richard", "rick", "rob", "robert", "roger", "ron", "ronald", "roy",
    "russell", "ryan", "samuel", "scott", "sean", "sebastian", "simon",
    "stephen", "steve", "steven", "stuart", "ted", "thomas", "tim", "timothy",
    "tom", "tony", "trevor", "victor", "vincent", "walter", "wayne",
    "william",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* w[0..n) against the lower-case s, case-insensitively, in the order of
 * the lists: <0, 0 or >0. */
static int
cmp_word(const char *w, size_t n, const char *s)
{
    size_t i;

    for (i = 0; i < n && s[i]; i++) {
        unsigned char a = (unsigned char)w[i], b = (unsigned char)s[i];
        if (a >= 'A' && a <= 'Z')
            a = (unsigned char)(a + 32);
        if (a != b)
            return a < b ? -1 : 1;
    }
    if (i < n)
        return 1;
    return s[i] ? -1 : 0;
}

static bool
in(const char *w, size_t n, const char *const *list, size_t count)
{
    size_t lo = 0, hi = count;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_word(w, n, list[mid]);
        if (c == 0)
            return true;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

#define IN(w, n, list) in((w), (n), (list), NELEM(list))

/* A title or a role noun: "Mrs", "Mr.", "spokeswoman". */
static enum cdk_gender
title_or_role(const char *w, size_t n)
{
    if (n > 1 && w[n - 1] == '.')
        n--;
    if (IN(w, n, female_words))
        return CDK_GENDER_FEMALE;
    if (IN(w, n, male_words))
        return CDK_GENDER_MALE;
    return CDK_GENDER_UNKNOWN;
}

static enum cdk_gender
first_name(const char *w, size_t n)
{
    if (IN(w, n, female_names))
        return CDK_GENDER_FEMALE;
    if (IN(w, n, male_names))
        return CDK_GENDER_MALE;
    return CDK_GENDER_UNKNOWN;
}

enum cdk_gender
cdk_gender_of_word(const char *w, size_t n)
{
    enum cdk_gender g = title_or_role(w, n);

    return g != CDK_GENDER_UNKNOWN ? g : first_name(w, n);
}

static bool
word_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
           c == '.';
}

/* The next word of p[*i..n), as [*s, *e); false at the end. */
static bool
next_word(const char *p, size_t n, size_t *i, size_t *s, size_t *e)
{
    while (*i < n && !word_byte(p[*i]))
        (*i)++;
    *s = *i;
    while (*i < n && word_byte(p[*i]))
        (*i)++;
    *e = *i;
    return *e > *s;
}

enum cdk_gender
cdk_gender_of_phrase(const char *p, size_t n)
{
    size_t i, s, e;
    enum cdk_gender g;

    /* "Ms Jowell's deputy", "Mr Glazer's financial backers": the words
     * before a possessive are someone else's */
    for (i = n; i >= 2; i--)
        if (p[i - 2] == '\'' && p[i - 1] == 's' && (i == n || p[i] == ' ')) {
            p += i;
            n -= i;
            break;
        }
    /* a title or a role first, wherever it is ("James Hardie
     * chairwoman", "His wife Sharon") */
    for (i = 0; next_word(p, n, &i, &s, &e);) {
        g = title_or_role(p + s, e - s);
        if (g != CDK_GENDER_UNKNOWN)
            return g;
    }
    /* then a first name: capitalised, with a capitalised word one space
     * after it ("Beverley Knight") */
    for (i = 0; next_word(p, n, &i, &s, &e);) {
        if (p[s] >= 'A' && p[s] <= 'Z' && e + 1 < n && p[e] == ' ' &&
            p[e + 1] >= 'A' && p[e + 1] <= 'Z') {
            g = first_name(p + s, e - s);
            if (g != CDK_GENDER_UNKNOWN)
                return g;
        }
    }
    return CDK_GENDER_UNKNOWN;
}

static bool
sorted(const char *const *list, size_t count)
{
    size_t i, j;

    for (i = 0; i < count; i++) {
        for (j = 0; list[i][j]; j++)
            if (list[i][j] >= 'A' && list[i][j] <= 'Z')
                return false;
        if (i > 0 && strcmp(list[i - 1], list[i]) >= 0)
            return false;
    }
    return true;
}

bool
cdk_gender_lists_ok(void)
{
    return sorted(female_words, NELEM(female_words)) &&
           sorted(male_words, NELEM(male_words)) &&
           sorted(female_names, NELEM(female_names)) &&
           sorted(male_names, NELEM(male_names));
}
