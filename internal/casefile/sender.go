package casefile

import (
	"appeal/internal/input"
	"fmt"
	"io"
	"sort"
	"strings"

	"appeal/internal/country"
)

// Sender is the person who writes and signs the letters.
type Sender struct {
	Name     string   `yaml:"name"`
	Address  []string `yaml:"address"`
	Postcode string   `yaml:"postcode"`
	// City is the town as the writer's post writes it (key ""), and may
	// also be given per letter language (ru: Манчестер): the letters'
	// sentence about the writer names the town only in a form of the
	// letter's own language or script.
	City     Text   `yaml:"city"`
	Region   string `yaml:"region"`  // state or province, where the post wants one: Portland, OR 97205
	Country  string `yaml:"country"` // ISO code or English name; stored as the code
	Email    string `yaml:"email"`
	Language string `yaml:"language"` // the letter language to use when --lang is not given
}

// LoadSender reads a sender file (see docs/case-file.md).
func LoadSender(name string, r io.Reader) (*Sender, error) {
	root, _, err := parse(name, r)
	if err != nil {
		return nil, err
	}
	s := &Sender{}
	lines, err := decodeInto(name, root, s)
	var ps input.Problems
	if err != nil {
		ps = err.(input.Problems)
	}
	add := func(path, msg string) {
		if !ps.Under(path) {
			ps = append(ps, input.Problem{File: name, Line: lines[path], Path: path, Msg: msg})
		}
	}
	if strings.TrimSpace(s.Name) == "" {
		add("name", "required: the name you sign with")
	}
	if s.PostalCity() == "" {
		add("city", "required: letters say where the writer lives")
	}
	for k := range s.City {
		if k != "" && !validTag(k) {
			add("city."+k, quote(k)+" is not a language tag such as en, ru or kk")
		} else if c := canonicalTag(k); c != k {
			s.City[c] = s.City[k]
			delete(s.City, k)
		}
	}
	if strings.TrimSpace(s.Country) == "" {
		add("country", "required: your country, as an ISO code (GB) or English name (United Kingdom)")
	}
	if strings.TrimSpace(s.Country) != "" {
		if code, ok := country.Parse(s.Country); ok {
			s.Country = code
		} else {
			add("country", "unknown country "+quote(s.Country)+"; give its ISO code (GB) or English name (United Kingdom)")
		}
	}
	if s.Language != "" && !validTag(s.Language) {
		add("language", quote(s.Language)+" is not a language tag such as en, ru or kk")
	}
	if len(ps) > 0 {
		ps.Sort()
		return nil, ps
	}
	return s, nil
}

// Printed calls f for every text of the writer a letter prints, with its
// field: name, address lines, postcode, town (every form), region, e-mail.
func (s *Sender) Printed(f func(field, text string)) {
	f("name", s.Name)
	for i, a := range s.Address {
		f(fmt.Sprintf("address[%d]", i), a)
	}
	f("postcode", s.Postcode)
	for k, c := range s.City {
		if k == "" {
			f("city", c)
		} else {
			f("city."+k, c)
		}
	}
	f("region", s.Region)
	f("email", s.Email)
}

// PostalCity is the writer's town as their post writes it: the plain
// form, else the form in the language of the writer's country's post or
// in English, else any form given.
func (s *Sender) PostalCity() string {
	if v := strings.TrimSpace(s.City[""]); v != "" {
		return v
	}
	for _, l := range []string{country.PostLanguage(s.Country), "en"} {
		if v := strings.TrimSpace(s.City[l]); v != "" {
			return v
		}
	}
	keys := make([]string, 0, len(s.City))
	for k := range s.City {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if v := strings.TrimSpace(s.City[k]); v != "" {
			return v
		}
	}
	return ""
}

func quote(s string) string { return `"` + s + `"` }
