// Package script tells which writing system a text or a language uses, so
// that a letter never mixes a writer's Latin note or town into a Cyrillic
// letter, or the reverse.
package script

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// scripts are the writing systems told apart, with their ISO 15924 codes.
var scripts = []struct {
	code  string
	table *unicode.RangeTable
}{
	{"Latn", unicode.Latin},
	{"Cyrl", unicode.Cyrillic},
	{"Grek", unicode.Greek},
	{"Arab", unicode.Arabic},
	{"Hebr", unicode.Hebrew},
	{"Armn", unicode.Armenian},
	{"Geor", unicode.Georgian},
	{"Deva", unicode.Devanagari},
	{"Hani", unicode.Han},
	{"Hang", unicode.Hangul},
	{"Thai", unicode.Thai},
}

// Of is the ISO 15924 code of the script most letters of s are written in,
// or "" when s has no letters of a script this package knows.
func Of(s string) string {
	counts := make([]int, len(scripts))
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		for i, sc := range scripts {
			if unicode.Is(sc.table, r) {
				counts[i]++
				break
			}
		}
	}
	best := -1
	for i, n := range counts {
		if n > 0 && (best < 0 || n > counts[best]) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return scripts[best].code
}

// OfLang is the ISO 15924 code of the script a language is usually
// written in: "Cyrl" for ru and kk, "Latn" for en. A tag that names its
// script ("sr-Latn") gives that one.
func OfLang(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return ""
	}
	s, _ := t.Script()
	code := s.String()
	if code == "Hans" || code == "Hant" || code == "Jpan" {
		return "Hani"
	}
	if code == "Kore" {
		return "Hang"
	}
	return code
}

// Name is the English name of a script code, for messages.
func Name(code string) string {
	switch code {
	case "Latn":
		return "Latin"
	case "Cyrl":
		return "Cyrillic"
	case "Grek":
		return "Greek"
	case "Arab":
		return "Arabic"
	case "Hebr":
		return "Hebrew"
	case "Armn":
		return "Armenian"
	case "Geor":
		return "Georgian"
	case "Deva":
		return "Devanagari"
	case "Hani":
		return "Chinese"
	case "Hang":
		return "Korean"
	case "Thai":
		return "Thai"
	}
	return code
}

// Fits reports whether text can stand in a letter in lang as it is: it has
// no letters, or most of them are in the language's script.
func Fits(text, lang string) bool {
	s := Of(text)
	return s == "" || s == OfLang(lang)
}

// Capitalise upper-cases the first letter of s.
func Capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
