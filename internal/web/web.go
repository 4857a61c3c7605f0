// Package web is appeal serve: a local web page on which a writer picks a
// case, gives their name and address, sees their letters and takes them
// away as one PDF in stuffing order or as e-mail drafts. It is the http
// layer over the core (casefile, letter, batch, render): every letter is
// planned by letter.Plan and made by batch.Make or batch.PrintSet, as on
// the command line.
//
// Nothing a writer types is stored or logged, except, with Config.Collect,
// the rows of writers who tick consent. Every response carries a strict
// Content-Security-Policy; every form a CSRF token; every request is
// checked for its Host (DNS rebinding) and, on a public address, for the
// access code.
package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"time"

	"appeal/internal/casefile"
	"appeal/internal/letter"
	"appeal/internal/pdf"
	"appeal/internal/render"
	"appeal/internal/writers"
)

//go:embed templates/*.html static/style.css ui/*.yaml
var assets embed.FS

// MaxBody is the largest request body read: a form is a few kilobytes.
const MaxBody = 64 << 10

// Config is what a server serves and how.
type Config struct {
	Cases    []*casefile.Case
	Renderer *render.Renderer
	// Now dates the letters; each request asks it.
	Now      func() time.Time
	Paper    pdf.Paper
	Envelope pdf.Envelope
	// Collect, when set, receives each writer who ticks consent. The
	// page does not name its file: the organiser sees it in the terminal.
	Collect *writers.Appender
	// Code is the access code every request needs (on a public address);
	// empty: none needed.
	Code string
	// Hosts are the host names or addresses, besides localhost, 127.0.0.1
	// and ::1, that requests may name in their Host header: the address
	// the server listens on, when public.
	Hosts []string
}

// Server is the web page's http.Handler.
type Server struct {
	cfg    Config
	cases  []*entry
	byID   map[string]*entry
	tmpl   *template.Template
	css    []byte
	ui     catalogs
	secret []byte
	mux    *http.ServeMux
	hosts  map[string]bool
	work   chan struct{} // bounds the letters made at once

	countryCache sync.Map // UI language -> the country <option>s, as a string
}

// entry is a case as the page offers it.
type entry struct {
	ID       string // in URLs: the case's slug
	Case     *casefile.Case
	Writable []string // languages the case has complete texts in and appeal templates for
	Choices  []string // languages a writer may choose (see letter.ChooseFor)
}

// New makes a server for cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Renderer == nil || len(cfg.Cases) == 0 {
		return nil, errors.New("web: no cases to serve")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Server{cfg: cfg, byID: map[string]*entry{}, hosts: map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true},
		work: make(chan struct{}, 2*runtime.NumCPU())}
	for _, h := range cfg.Hosts {
		s.hosts[strings.ToLower(strings.Trim(h, "[]"))] = true
	}
	s.secret = make([]byte, 32)
	if _, err := rand.Read(s.secret); err != nil {
		return nil, err
	}
	var err error
	if s.ui, err = loadCatalogs(); err != nil {
		return nil, err
	}
	for _, c := range s.ui.list {
		if loc, ok := cfg.Renderer.Locale(c.Lang); ok && loc.Numbering != "latn" {
			c.numbering = loc.Numbering
		}
	}
	s.tmpl, err = template.New("").Funcs(template.FuncMap{
		"join":     strings.Join,
		"caseWith": caseWith,
		"field":    field,
		"dir":      dir,
	}).ParseFS(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	if s.css, err = fs.ReadFile(assets, "static/style.css"); err != nil {
		return nil, err
	}
	for _, c := range cfg.Cases {
		e := &entry{ID: letter.CaseSlug(c), Case: c}
		for n := 2; s.byID[e.ID] != nil; n++ {
			e.ID = fmt.Sprintf("%s-%d", letter.CaseSlug(c), n)
		}
		for _, l := range c.Offered() {
			if cfg.Renderer.Has(l) {
				e.Writable = append(e.Writable, l)
			}
		}
		e.Choices = choices(c, e.Writable)
		if len(e.Choices) == 0 {
			continue // said by appeal validate; nothing to write here
		}
		s.cases = append(s.cases, e)
		s.byID[e.ID] = e
	}
	if len(s.cases) == 0 {
		return nil, errors.New("web: no case has complete texts in a language appeal writes; run appeal validate")
	}
	s.routes()
	return s, nil
}

// choices are the languages a writer of case c may choose, of those it
// can be written in: any, when the recipients accept the writer's own
// language (or the case names none), else those the recipients read (as
// letter.ChooseFor decides).
func choices(c *casefile.Case, writable []string) []string {
	if c.OwnLanguage || len(c.Languages) == 0 {
		return writable
	}
	var out []string
	for _, l := range c.Languages {
		if lang, _, ok := letter.Match(writable, l); ok {
			out = append(out, lang)
		}
	}
	return out
}

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", s.home)
	m.HandleFunc("GET /style.css", s.style)
	m.HandleFunc("GET /case/{id}", s.form)
	m.HandleFunc("POST /case/{id}/edit", s.edit)
	m.HandleFunc("POST /case/{id}/letters", s.letters)
	m.HandleFunc("POST /case/{id}/letters.pdf", s.pdf)
	m.HandleFunc("POST /case/{id}/envelopes.pdf", s.envelopes)
	m.HandleFunc("POST /case/{id}/mail/{rid}", s.eml)
	s.mux = m
}

// Security headers every response carries.
var headers = map[string]string{
	"Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
	"X-Content-Type-Options":  "nosniff",
	"Referrer-Policy":         "no-referrer",
	"X-Frame-Options":         "DENY",
	"Cache-Control":           "no-store",
}

// ServeHTTP checks the request (Host, access code, size, CSRF token), then
// routes it; a request that fails a check gets a page that says why, in
// the writer's language.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	for k, v := range headers {
		w.Header().Set(k, v)
	}
	ui := s.language(w, r)
	if !s.hostAllowed(r.Host) {
		s.fail(w, r, ui, http.StatusBadRequest, "err_host")
		return
	}
	if r.URL.Path == "/style.css" && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		s.mux.ServeHTTP(w, r) // the error pages need it too
		return
	}
	if s.cfg.Code != "" && !s.access(w, r, ui) {
		return
	}
	if _, pattern := s.mux.Handler(r); pattern == "" {
		if allow := s.allowed(r); allow != "" {
			w.Header().Set("Allow", allow)
			s.fail(w, r, ui, http.StatusMethodNotAllowed, "err_method")
		} else {
			s.fail(w, r, ui, http.StatusNotFound, "err_notfound")
		}
		return
	}
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
		if err := r.ParseForm(); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				w.Header().Set("Connection", "close")
				s.fail(w, r, ui, http.StatusRequestEntityTooLarge, "err_toolarge")
			} else {
				s.fail(w, r, ui, http.StatusBadRequest, "err_bad")
			}
			return
		}
		if !s.csrfValid(r) {
			s.fail(w, r, ui, http.StatusForbidden, "err_csrf")
			return
		}
	}
	s.mux.ServeHTTP(w, r.WithContext(withUI(r.Context(), ui)))
}

// allowed lists the methods the path takes, when another method would
// have matched it: a 405.
func (s *Server) allowed(r *http.Request) string {
	var ms []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		if m == r.Method {
			continue
		}
		r2 := r.Clone(r.Context())
		r2.Method = m
		if _, p := s.mux.Handler(r2); p != "" {
			ms = append(ms, m)
		}
	}
	return strings.Join(ms, ", ")
}

// hostAllowed checks the Host header against DNS rebinding: a page of
// another site that resolves its own name to 127.0.0.1 names that site.
func (s *Server) hostAllowed(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return s.hosts[strings.ToLower(strings.Trim(host, "[]"))]
}

const (
	cookieAccess = "appeal_access"
	cookieCSRF   = "appeal_csrf"
	cookieUI     = "appeal_ui"
	cookieWriter = "appeal_writer"
)

func (s *Server) mac(parts ...string) string {
	m := hmac.New(sha256.New, s.secret)
	for _, p := range parts {
		m.Write([]byte(p))
		m.Write([]byte{0})
	}
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// access lets a request through when it carries the access code, in the
// URL (?code=…, which sets a cookie and redirects to the URL without it)
// or in that cookie; otherwise it answers 403.
func (s *Server) access(w http.ResponseWriter, r *http.Request, ui *catalog) bool {
	want := s.mac("access", s.cfg.Code)
	if code, ok := r.URL.Query()["code"]; ok {
		if len(code) != 1 || subtle.ConstantTimeCompare([]byte(s.mac("access", code[0])), []byte(want)) != 1 {
			s.fail(w, r, ui, http.StatusForbidden, "err_code")
			return false
		}
		setCookie(w, cookieAccess, want, 0)
		q := r.URL.Query()
		q.Del("code")
		u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
		http.Redirect(w, r, u.String(), http.StatusSeeOther)
		return false
	}
	if c, err := r.Cookie(cookieAccess); err == nil && subtle.ConstantTimeCompare([]byte(c.Value), []byte(want)) == 1 {
		return true
	}
	s.fail(w, r, ui, http.StatusForbidden, "err_code")
	return false
}

// csrfToken is the token the forms of the page carry: a MAC of the
// browser's CSRF cookie, which it sets when missing (signed double submit).
func (s *Server) csrfToken(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(cookieCSRF)
	v := ""
	if err == nil && len(c.Value) >= 22 {
		v = c.Value
	} else {
		b := make([]byte, 16)
		rand.Read(b)
		v = base64.RawURLEncoding.EncodeToString(b)
		setCookie(w, cookieCSRF, v, 0)
		r.AddCookie(&http.Cookie{Name: cookieCSRF, Value: v})
	}
	return s.mac("csrf", v)
}

func (s *Server) csrfValid(r *http.Request) bool {
	c, err := r.Cookie(cookieCSRF)
	if err != nil || c.Value == "" {
		return false
	}
	got := r.PostForm.Get("csrf")
	return subtle.ConstantTimeCompare([]byte(got), []byte(s.mac("csrf", c.Value))) == 1
}

// visit names one browser's visit (its CSRF cookie, through a MAC), so
// that a writer who sends the form again replaces their row in the
// organiser's file; "" when the browser has no such cookie.
func (s *Server) visit(r *http.Request) string {
	c, err := r.Cookie(cookieCSRF)
	if err != nil || c.Value == "" {
		return ""
	}
	return s.mac("visit", c.Value)
}

// setCookie sets a cookie for the whole site, for the browser only:
// HttpOnly, SameSite=Strict. maxAge 0 makes a session cookie; < 0
// deletes it.
func setCookie(w http.ResponseWriter, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge, HttpOnly: true, SameSite: http.SameSiteStrictMode})
}

func (s *Server) style(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "max-age=3600")
	w.Write(s.css)
}

// errorPage is what the error template shows.
type errorPage struct {
	page
	Status  int
	Message string
}

// fail answers with status and a page, in the writer's language, that
// says what went wrong and what to do.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, ui *catalog, status int, key string) {
	p := errorPage{page: s.newPage(r, ui, ui.S(key+"_title")), Status: status, Message: ui.S(key)}
	s.render(w, status, "error", p)
}

// render executes the page template name into w with status.
func (s *Server) render(w http.ResponseWriter, status int, name string, data any) {
	var b strings.Builder
	if err := s.tmpl.ExecuteTemplate(&b, name, data); err != nil {
		http.Error(w, "appeal: the page could not be made", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprint(w, b.String())
}
