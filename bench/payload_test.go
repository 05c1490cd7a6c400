package bench

import (
	"fmt"
	"math/rand/v2"

	"github.com/pierrec/lz4/v4"
)

// payload is the data every client sends: the same keys and values in the
// same order, generated once from a fixed seed. Key and value slices point
// into shared read-only arrays, so producing costs the benchmark loop no
// allocation and no copy; their capacity is capped so no client can append
// into a neighbour.
type payload struct {
	keys   []byte // keyCount keys of keySize bytes
	corpus []byte // English-like text values are cut from
}

const (
	keyCount   = 1 << 16
	corpusSize = 8 << 20
)

// thePayload is shared by every benchmark and client.
var thePayload = newPayload()

// words make values compress like text rather than like random bytes (which
// lz4 cannot shrink) or a repeated constant (which it shrinks absurdly).
var words = []string{
	"the", "of", "and", "to", "in", "is", "you", "that", "it", "he", "was", "for", "on", "are", "as",
	"with", "his", "they", "at", "be", "this", "have", "from", "or", "one", "had", "by", "word", "but",
	"not", "what", "all", "were", "we", "when", "your", "can", "said", "there", "use", "an", "each",
	"which", "she", "do", "how", "their", "if", "will", "up", "other", "about", "out", "many", "then",
	"them", "these", "so", "some", "her", "would", "make", "like", "him", "into", "time", "has", "look",
	"order", "customer", "event", "partition", "offset", "amount", "status", "created", "updated",
}

func newPayload() *payload {
	rng := rand.New(rand.NewPCG(0x70757265, 0x6b61666b))
	p := &payload{keys: make([]byte, 0, keyCount*keySize), corpus: make([]byte, 0, corpusSize+64)}
	for range keyCount {
		p.keys = fmt.Appendf(p.keys, "%016x", rng.Uint64())
	}
	for len(p.corpus) < corpusSize {
		p.corpus = append(p.corpus, words[rng.IntN(len(words))]...)
		if rng.IntN(12) == 0 {
			p.corpus = fmt.Appendf(p.corpus, " %d", rng.IntN(100000))
		}
		p.corpus = append(p.corpus, ' ')
	}
	p.corpus = p.corpus[:corpusSize]
	return p
}

// key returns message i's 16-byte key; keys repeat every keyCount messages.
func (p *payload) key(i int) []byte {
	o := (i % keyCount) * keySize
	return p.keys[o : o+keySize : o+keySize]
}

// value returns message i's value of size bytes, a window of the corpus.
func (p *payload) value(i, size int) []byte {
	o := (i * size) % (len(p.corpus) - size)
	return p.corpus[o : o+size : o+size]
}

// payloadLZ4Ratio is how much lz4 shrinks a 64 KiB run of values, printed in
// the header so readers know what the lz4 workload compresses.
func payloadLZ4Ratio() float64 {
	src := thePayload.corpus[:64<<10]
	dst := make([]byte, lz4.CompressBlockBound(len(src)))
	n, err := lz4.CompressBlock(src, dst, nil)
	if err != nil || n == 0 {
		return 1
	}
	return float64(len(src)) / float64(n)
}
