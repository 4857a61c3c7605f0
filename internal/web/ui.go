package web

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"appeal/internal/country"
	"appeal/internal/render"
)

// catalog is the page's strings in one language, from ui/<lang>.yaml.
type catalog struct {
	Lang string
	m    map[string]string
	// numbering is the numbering system the language writes numbers in,
	// as its letters do (locale.yaml numbering: Persian arabext, ۰۱۲…);
	// empty: 0-9.
	numbering string
}

// RTL reports whether the page's language is written right to left.
func (c *catalog) RTL() bool { return dir(c.Lang) == "rtl" }

// rtlScripts are the scripts written right to left.
var rtlScripts = map[string]bool{"Arab": true, "Hebr": true, "Syrc": true, "Thaa": true, "Nkoo": true, "Adlm": true, "Rohg": true, "Mand": true, "Samr": true}

// dir is the direction lang is written in: "rtl" or "ltr".
func dir(lang string) string {
	if s, _ := language.Make(lang).Script(); rtlScripts[s.String()] {
		return "rtl"
	}
	return "ltr"
}

// S is the string key; a missing key shows as itself, which a test forbids.
func (c *catalog) S(key string) string {
	if s, ok := c.m[key]; ok {
		return s
	}
	return key
}

// F is the string key with its %s and %d verbs filled in, the numbers
// in the language's digits.
func (c *catalog) F(key string, args ...any) string {
	if c.numbering != "" {
		args = slices.Clone(args)
		for i, a := range args {
			if n, ok := a.(int); ok {
				args[i] = localInt{n, c.numbering}
			}
		}
	}
	return fmt.Sprintf(c.S(key), args...)
}

// localInt is a number that %d writes in the digits of a numbering
// system (see render.Digits).
type localInt struct {
	n         int
	numbering string
}

func (l localInt) Format(f fmt.State, verb rune) {
	io.WriteString(f, render.Digits(l.numbering, strconv.Itoa(l.n)))
}

// catalogs are the page's languages, English first.
type catalogs struct {
	list    []*catalog
	matcher language.Matcher
}

func loadCatalogs() (catalogs, error) {
	names, err := fs.Glob(assets, "ui/*.yaml")
	if err != nil {
		return catalogs{}, err
	}
	var cs catalogs
	var tags []language.Tag
	slices.SortFunc(names, func(a, b string) int { // English first: the matcher's fallback
		return strings.Compare(strings.Replace(a, "ui/en.", "ui/0.", 1), strings.Replace(b, "ui/en.", "ui/0.", 1))
	})
	for _, n := range names {
		data, err := fs.ReadFile(assets, n)
		if err != nil {
			return cs, err
		}
		c := &catalog{Lang: strings.TrimSuffix(path.Base(n), ".yaml")}
		if err := yaml.Unmarshal(data, &c.m); err != nil {
			return cs, fmt.Errorf("%s: %w", n, err)
		}
		cs.list = append(cs.list, c)
		tags = append(tags, language.Make(c.Lang))
	}
	cs.matcher = language.NewMatcher(tags)
	return cs, nil
}

func (cs catalogs) get(lang string) *catalog {
	for _, c := range cs.list {
		if c.Lang == lang {
			return c
		}
	}
	return nil
}

// language picks the page's language: ?ui=xx (remembered in a cookie),
// else the cookie, else the browser's Accept-Language, else English.
func (s *Server) language(w http.ResponseWriter, r *http.Request) *catalog {
	if v := r.URL.Query().Get("ui"); v != "" {
		if c := s.ui.get(v); c != nil {
			setCookie(w, cookieUI, c.Lang, 365*24*3600)
			return c
		}
	}
	if ck, err := r.Cookie(cookieUI); err == nil {
		if c := s.ui.get(ck.Value); c != nil {
			return c
		}
	}
	tags, _, _ := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	_, i, conf := s.ui.matcher.Match(tags...)
	if conf == language.No {
		i = 0
	}
	return s.ui.list[i]
}

// acceptRegion is the country of the browser's first language with one
// (de-AT: AT), to preselect the writer's country.
func acceptRegion(r *http.Request) string {
	tags, _, _ := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	for _, t := range tags {
		if reg, conf := t.Region(); conf == language.Exact && country.Valid(reg.String()) {
			return reg.String()
		}
	}
	return ""
}

type uiKey struct{}

func withUI(ctx context.Context, c *catalog) context.Context {
	return context.WithValue(ctx, uiKey{}, c)
}

func uiOf(r *http.Request) *catalog { return r.Context().Value(uiKey{}).(*catalog) }

// option is one entry of a select.
type option struct{ Value, Label string }

// countries lists every country, named and sorted in lang.
func countries(lang string) []option {
	var out []option
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			if country.Valid(code) {
				out = append(out, option{code, country.Name(code, lang)})
			}
		}
	}
	col := collate.New(language.Make(lang), collate.IgnoreCase, collate.IgnoreDiacritics)
	sort.SliceStable(out, func(i, j int) bool { return col.CompareString(out[i].Label, out[j].Label) < 0 })
	return out
}

// languageIn is lang as the language ui names it in running text: "Russian",
// de "Russisch", ru "русский", fr "russe" (lower case where the language
// writes language names so).
func languageIn(lang, ui string) string {
	if n := display.Languages(language.Make(ui)).Name(language.Make(lang)); n != "" {
		return n
	}
	return languageName(lang)
}

// languageName is lang as its own speakers name it, capitalised as at
// the start of a menu entry ("Deutsch", "Русский").
func languageName(lang string) string {
	n := display.Self.Name(language.Make(lang))
	if n == "" {
		return lang
	}
	r, size := utf8.DecodeRuneInString(n)
	return string(unicode.ToUpper(r)) + n[size:]
}
