package render

import (
	"fmt"

	"golang.org/x/text/feature/plural"
	xlanguage "golang.org/x/text/language"
)

// pluralFunc is the template function plural of lang, by CLDR's plural
// rules: {{plural .Count "узник" "узника" "узников"}} picks the form for
// the count. Its words are, in this order, the forms one, few, many and
// other that the language has: two words (one, other) for en, de, kk, es;
// three (one, few, many) for ru, the third doing for other too; a form a
// language lacks takes the last word given.
func pluralFunc(lang string) map[string]any {
	tag, err := xlanguage.Parse(lang)
	if err != nil {
		tag = xlanguage.English
	}
	return map[string]any{
		"plural": func(n int, words ...string) (string, error) {
			if len(words) == 0 {
				return "", fmt.Errorf("plural: give the word's forms (one … other)")
			}
			return pluralWord(tag, n, words), nil
		},
	}
}

// pluralWord picks the form of words for count n in tag.
func pluralWord(tag xlanguage.Tag, n int, words []string) string {
	last := words[len(words)-1]
	at := func(i int) string {
		if i < len(words) {
			return words[i]
		}
		return last
	}
	switch plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0) {
	case plural.One:
		return words[0]
	case plural.Few:
		if len(words) == 2 {
			return last
		}
		return at(1)
	case plural.Many:
		if len(words) == 2 {
			return last
		}
		return at(2)
	}
	if len(words) == 4 {
		return words[3]
	}
	return last
}
