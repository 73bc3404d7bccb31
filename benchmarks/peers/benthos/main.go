// benthos-peer: the open-source core of Redpanda Connect (benthos v4) with
// only its pure processors and stdio/file inputs and outputs linked in, so
// the binary runs the generated pipeline (see ../gen-config) and nothing
// that needs a network service.
package main

import (
	"context"

	_ "github.com/redpanda-data/benthos/v4/public/components/io"
	_ "github.com/redpanda-data/benthos/v4/public/components/pure"
	"github.com/redpanda-data/benthos/v4/public/service"
)

func main() {
	service.RunCLI(context.Background())
}
