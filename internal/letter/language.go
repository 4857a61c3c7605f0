package letter

import (
	"appeal/internal/input"
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"appeal/internal/casefile"
	"appeal/internal/script"
)

// Rule says how a letter's language was chosen.
type Rule int

// The rules, in the order they are tried.
const (
	ByFlag    Rule = iota // --lang
	ByWriter              // the writer's own language
	ByCountry             // the usual language of the writer's country (CLDR)
	ByEnglish             // English, when nothing above gives a language the case offers
	nRules
)

var ruleNames = [nRules]string{"chosen with --lang", "in the writer's language", "in the language of the writer's country", "in English"}

// String describes the rule for a summary: "in the writer's language".
func (r Rule) String() string {
	if r < 0 || r >= nRules {
		return fmt.Sprintf("Rule(%d)", int(r))
	}
	return ruleNames[r]
}

// Choice is a letter's language as resolved.
type Choice struct {
	Lang   string // one of the offered languages, e.g. "en"
	Region string // region for dates and closings, e.g. "US": the tag's own, else the writer's country
	Rule   Rule
}

// NoLanguageError says that no rule gave a language the case offers.
type NoLanguageError struct {
	Wanted  string   // the language asked for; empty when none was
	Offered []string // the languages the case can be written in
}

func (e *NoLanguageError) Error() string {
	offers := "is complete in no language appeal writes"
	if len(e.Offered) > 0 {
		offers = "offers " + strings.Join(e.Offered, ", ")
	}
	if e.Wanted == "" {
		return fmt.Sprintf("no language for the letter: the case %s; give one with --lang or the writer's language", offers)
	}
	if len(e.Offered) == 0 {
		return fmt.Sprintf("the case has no letter in %s: it %s", e.Wanted, offers)
	}
	return fmt.Sprintf("the case has no letter in %s; it %s", e.Wanted, offers)
}

// multilingual are countries whose writers use several languages, none
// of which their country's name tells: a writer in Geneva writes French, in
// Zurich German; in Brussels French, in Antwerp Dutch. Their language is
// not guessed from the country (CLDR would give German for CH and Dutch for
// BE); without their own language they get English.
var multilingual = map[string]bool{"BE": true, "CH": true, "CA": true, "LU": true}

// ChooseLanguage resolves the language of a writer's letters. offered
// lists the languages the case can be written in (and appeal has
// templates for); flag is --lang, or empty; w is the writer, or nil for
// an unknown one. The language is flag, else the writer's own, else the
// usual language of the writer's country (DE: de; not for the multilingual
// ones), else English; each is
// taken only when the case offers it, except that a flag or the writer's
// own language the case does not offer is an error, not a reason to pick
// another. Tags match as BCP 47 tags: EN is en, and en-GB is written in en
// with British dates.
func ChooseLanguage(offered []string, flag string, w *casefile.Sender) (Choice, error) {
	country := ""
	if w != nil {
		country = w.Country
	}
	try := func(tag string, rule Rule) (Choice, bool) {
		lang, region, ok := Match(offered, tag)
		if !ok {
			return Choice{}, false
		}
		if region == "" {
			region = country
		}
		return Choice{Lang: lang, Region: region, Rule: rule}, true
	}
	if flag != "" {
		if c, ok := try(flag, ByFlag); ok {
			return c, nil
		}
		return Choice{}, &NoLanguageError{Wanted: flag, Offered: offered}
	}
	if w != nil && w.Language != "" {
		if c, ok := try(w.Language, ByWriter); ok {
			return c, nil
		}
		return Choice{}, &NoLanguageError{Wanted: w.Language, Offered: offered}
	}
	if country != "" && !multilingual[country] {
		if base, conf := language.Make("und-" + country).Base(); conf != language.No {
			if c, ok := try(base.String(), ByCountry); ok {
				return c, nil
			}
		}
	}
	if c, ok := try("en", ByEnglish); ok {
		return c, nil
	}
	return Choice{}, &NoLanguageError{Offered: offered}
}

// Match finds tag among offered: the same tag in any letter case, else an
// offered tag that tag narrows (en-GB -> en, sr-Latn-RS -> sr-Latn). region
// is the region tag names, if any ("GB").
func Match(offered []string, tag string) (lang, region string, ok bool) {
	t, err := language.Parse(tag)
	if err != nil {
		return "", "", false
	}
	if r, conf := t.Region(); conf == language.Exact {
		region = r.String()
	}
	want := t.String()
	for {
		for _, o := range offered {
			if strings.EqualFold(o, want) {
				return o, region, true
			}
		}
		i := strings.LastIndexByte(want, '-')
		if i < 0 {
			return "", "", false
		}
		want = want[:i]
	}
}

// CheckNote reports why a writer's note cannot go into a letter in lang:
// it is written in another script than the letter (a Latin note in a
// Cyrillic letter). It returns "" when the note fits.
func CheckNote(note, lang string) string {
	if script.Fits(note, lang) {
		return ""
	}
	name := input.LanguageName(lang)
	return fmt.Sprintf("written in %s script, but the letter is in %s (%s script); write the note in the letter's language, or give the writer's language",
		script.Name(script.Of(note)), name, script.Name(script.OfLang(lang)))
}

// NotReadError says that a language asked for is one the case has texts
// in, but its recipients do not read, and the case does not say that they
// accept letters in the writer's own language.
type NotReadError struct {
	Wanted string
	Read   []string
}

func (e *NotReadError) Error() string {
	return fmt.Sprintf("the recipients read %s; the case does not say they accept letters in %s (own_language: true in the case says so)",
		strings.Join(e.Read, ", "), input.LanguageName(e.Wanted))
}

// ChooseFor resolves the language of a writer's letters for case c, whose
// complete languages appeal can write are writable. When the case says its
// recipients accept letters in the writer's own language (own_language),
// or names no languages, any of them will do (ChooseLanguage). Otherwise
// letters go only in the languages the recipients read (the case's
// languages): a writer whose own language is not among them gets the
// language of their country, else English, else a NoLanguageError (the
// writer chooses with --lang); --lang with another language is a
// NotReadError.
func ChooseFor(c *casefile.Case, writable []string, flag string, w *casefile.Sender) (Choice, error) {
	if c.OwnLanguage || len(c.Languages) == 0 {
		return ChooseLanguage(writable, flag, w)
	}
	var read []string
	for _, l := range c.Languages {
		if _, _, ok := Match(writable, l); ok {
			read = append(read, l)
		}
	}
	if flag != "" {
		ch, err := ChooseLanguage(read, flag, w)
		if _, _, ok := Match(writable, flag); err != nil && ok && len(read) > 0 {
			return ch, &NotReadError{Wanted: flag, Read: read}
		}
		return ch, err
	}
	if w != nil && w.Language != "" {
		if _, _, ok := Match(read, w.Language); !ok {
			ww := *w
			ww.Language = ""
			w = &ww
		}
	}
	return ChooseLanguage(read, "", w)
}
