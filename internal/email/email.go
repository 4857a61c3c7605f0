// Package email writes a letter as an e-mail draft (RFC 5322, MIME) and as
// a mailto: link (RFC 6068). A draft is a file the writer opens in their
// mail program and sends themself: appeal never sends mail.
package email

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Attachment is a file sent with the message.
type Attachment struct {
	Name string // file name, e.g. "01-prosecutor-general.pdf"
	Type string // media type, e.g. "application/pdf"
	Data []byte
}

// Message is one e-mail draft.
type Message struct {
	From    *mail.Address // nil: the mail program fills it in
	To      mail.Address
	Subject string
	Body    string // plain text, lines separated by "\n"
	Date    time.Time
	Attach  *Attachment
}

// Draft writes m as an RFC 5322 message marked as unsent (X-Unsent: 1), so
// that mail programs open it as a draft to send: ASCII headers, non-ASCII
// names and subject as RFC 2047 encoded-words, a text/plain UTF-8 body in
// quoted-printable, CRLF line ends, and the attachment, if any, in base64
// in a multipart/mixed message.
func Draft(m Message) []byte {
	var b bytes.Buffer
	h := func(name, value string) { b.WriteString(name + ": " + value + "\r\n") }
	if m.From != nil {
		h("From", address(*m.From))
	}
	h("To", address(m.To))
	h("Subject", encodeHeader("Subject", m.Subject))
	h("Date", m.Date.Format(time.RFC1123Z))
	h("Message-ID", messageID(m))
	h("X-Unsent", "1")
	h("MIME-Version", "1.0")
	body := textPart(m.Body)
	if m.Attach == nil {
		h("Content-Type", "text/plain; charset=UTF-8")
		h("Content-Transfer-Encoding", "quoted-printable")
		b.WriteString("\r\n")
		b.Write(body)
		return b.Bytes()
	}
	boundary := "appeal-" + digest(m)[:24]
	h("Content-Type", `multipart/mixed; boundary="`+boundary+`"`)
	b.WriteString("\r\n")
	b.WriteString("--" + boundary + "\r\n")
	b.WriteString("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	b.Write(body)
	b.WriteString("\r\n--" + boundary + "\r\n")
	name := mime.QEncoding.Encode("utf-8", m.Attach.Name)
	b.WriteString("Content-Type: " + m.Attach.Type + "; name=\"" + name + "\"\r\n")
	b.WriteString("Content-Transfer-Encoding: base64\r\n")
	b.WriteString("Content-Disposition: attachment; filename=\"" + name + "\"\r\n\r\n")
	enc := base64.StdEncoding.EncodeToString(m.Attach.Data)
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	b.WriteString("--" + boundary + "--\r\n")
	return b.Bytes()
}

// textPart is body with CRLF line ends, in quoted-printable.
func textPart(body string) []byte {
	var b bytes.Buffer
	w := quotedprintable.NewWriter(&b)
	body = strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\n", "\r\n")
	w.Write([]byte(body))
	w.Close()
	return b.Bytes()
}

// encodeHeader encodes a header value as RFC 2047 encoded-words when it is
// not ASCII: several of them, each at most 75 characters and each holding
// whole words with the space after them (a reader drops the white space
// between encoded-words), on folded lines, so that no header line is
// longer than 76 characters.
func encodeHeader(name, value string) string {
	if isASCII(value) && len(name)+2+len(value) <= 78 {
		return value
	}
	var words []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, mime.BEncoding.Encode("utf-8", cur.String()))
			cur.Reset()
		}
	}
	for _, w := range strings.SplitAfter(value, " ") {
		// 39 bytes of UTF-8 make 52 characters of base64: with
		// "=?utf-8?b?" and "?=", 64; after "Subject: ", 73.
		if cur.Len() > 0 && cur.Len()+len(w) > 39 {
			flush()
		}
		for len(w) > 39 { // a word too long for one encoded-word: split it between runes
			i := 39
			for i > 0 && !utf8.RuneStart(w[i]) {
				i--
			}
			cur.WriteString(w[:i])
			flush()
			w = w[i:]
		}
		cur.WriteString(w)
	}
	flush()
	return strings.Join(words, "\r\n ")
}

// address is a as a header value: the name, encoded when not ASCII, and
// the address in angle brackets.
func address(a mail.Address) string {
	if a.Name == "" || isASCII(a.Name) {
		return a.String()
	}
	return encodeHeader("From", a.Name) + "\r\n <" + a.Address + ">"
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] < 0x20 {
			return false
		}
	}
	return true
}

// messageID is a Message-ID made from the message itself, so the same
// letter gets the same ID (reproducible runs); its domain is the writer's
// when known, else "appeal.invalid": it names no machine.
func messageID(m Message) string {
	domain := "appeal.invalid"
	if m.From != nil {
		if i := strings.LastIndexByte(m.From.Address, '@'); i >= 0 && i < len(m.From.Address)-1 {
			domain = m.From.Address[i+1:]
		}
	}
	return fmt.Sprintf("<%s@%s>", digest(m)[:32], domain)
}

func digest(m Message) string {
	h := sha256.New()
	from := ""
	if m.From != nil {
		from = m.From.String()
	}
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s", from, m.To.String(), m.Subject, m.Date.Format(time.RFC3339), m.Body)
	if m.Attach != nil {
		h.Write(m.Attach.Data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// MailtoLimit is the longest mailto: link a check lets pass: about the
// most that common mail programs and browsers take from a link (some cut
// at 2,000 characters).
const MailtoLimit = 2000

// Mailto is an RFC 6068 mailto: link to address with subject and body:
// UTF-8 percent-encoded, spaces as %20 (a "+" is a plus), line breaks as
// %0D%0A.
func Mailto(address, subject, body string) string {
	body = strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\n", "\r\n")
	return "mailto:" + escape(address, true) + "?subject=" + escape(subject, false) + "&body=" + escape(body, false)
}

// escape percent-encodes every byte but the unreserved characters of RFC
// 3986 (and "@" in an address).
func escape(s string, address bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~':
			b.WriteByte(c)
		case address && c == '@':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
