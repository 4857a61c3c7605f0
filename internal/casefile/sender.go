package casefile

import (
	"io"
	"strings"

	"appeal/internal/country"
)

// Sender is the person who writes and signs the letters.
type Sender struct {
	Name     string   `yaml:"name"`
	Address  []string `yaml:"address"`
	Postcode string   `yaml:"postcode"`
	City     string   `yaml:"city"`
	Country  string   `yaml:"country"` // ISO code or English name; stored as the code
	Email    string   `yaml:"email"`
	Language string   `yaml:"language"` // the letter language to use when --lang is not given
}

// LoadSender reads a sender file (see docs/case-file.md).
func LoadSender(name string, r io.Reader) (*Sender, error) {
	root, err := parse(name, r)
	if err != nil {
		return nil, err
	}
	s := &Sender{}
	lines, err := decodeInto(name, root, s)
	var ps Problems
	if err != nil {
		ps = err.(Problems)
	}
	add := func(path, msg string) {
		if !ps.Under(path) {
			ps = append(ps, Problem{File: name, Line: lines[path], Path: path, Msg: msg})
		}
	}
	if strings.TrimSpace(s.Name) == "" {
		add("name", "required: the name you sign with")
	}
	if strings.TrimSpace(s.City) == "" {
		add("city", "required: letters say where the writer lives")
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

func quote(s string) string { return `"` + s + `"` }
