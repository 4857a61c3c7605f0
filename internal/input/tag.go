package input

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Tag checks that s is a BCP 47 language tag and returns it in its
// canonical form, the way template folders are named: "EN" -> "en",
// "kk-kz" -> "kk-KZ". Spaces and underscores ("en_GB") are refused.
func Tag(s string) (string, bool) {
	if s == "" || strings.ContainsAny(s, " _") {
		return "", false
	}
	t, err := language.Parse(s)
	if err != nil {
		return "", false
	}
	return t.String(), true
}

// LanguageName is the English name of a language tag, for messages:
// "Russian". An invalid tag is returned as it is.
func LanguageName(tag string) string {
	if t, err := language.Parse(tag); err == nil {
		if n := display.English.Tags().Name(t); n != "" {
			return n
		}
	}
	return tag
}
