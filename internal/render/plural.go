package render

import (
	"fmt"
	"slices"

	"golang.org/x/text/feature/plural"
	xlanguage "golang.org/x/text/language"
)

// pluralFunc is the template function plural of lang, by CLDR's plural
// rules: {{plural .Count "узник" "узника" "узников"}} picks the form for
// the count. Its words are the forms the language's counts take, in
// CLDR's order zero, one, two, few, many, other: two words (one, other)
// for en, de, kk, es, fr, fa; three (one, few, many) for ru; six (zero,
// one, two, few, many, other) for ar. A form past the words given takes
// the last word.
func pluralFunc(lang string) map[string]any {
	tag, err := xlanguage.Parse(lang)
	if err != nil {
		tag = xlanguage.English
	}
	forms := pluralForms(tag)
	return map[string]any{
		"plural": func(n int, words ...string) (string, error) {
			if len(words) == 0 {
				return "", fmt.Errorf("plural: give the word's forms (one … other)")
			}
			return pickPlural(forms, plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0), words), nil
		},
	}
}

// cldrOrder is the order in which CLDR lists plural categories.
var cldrOrder = []plural.Form{plural.Zero, plural.One, plural.Two, plural.Few, plural.Many, plural.Other}

// pluralForms lists the categories whole numbers take in tag, in CLDR's
// order: [one other] for en, [one few many] for ru (other is for
// fractions only), [zero one two few many other] for ar. Every rule of
// CLDR decides by the last two or three digits, or by millions (es, fr
// many), so 0…999 and a million show every category a count can take.
func pluralForms(tag xlanguage.Tag) []plural.Form {
	seen := map[plural.Form]bool{plural.Cardinal.MatchPlural(tag, 1000000, 0, 0, 0, 0): true}
	for n := 0; n < 1000; n++ {
		seen[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)] = true
	}
	var out []plural.Form
	for _, f := range cldrOrder {
		if seen[f] {
			out = append(out, f)
		}
	}
	return out
}

// pluralWord picks the form of words for count n in tag.
func pluralWord(tag xlanguage.Tag, n int, words []string) string {
	return pickPlural(pluralForms(tag), plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0), words)
}

// pickPlural is the word of words for category f of a language whose
// counts take forms.
func pickPlural(forms []plural.Form, f plural.Form, words []string) string {
	if i := slices.Index(forms, f); i >= 0 && i < len(words) {
		return words[i]
	}
	return words[len(words)-1]
}
