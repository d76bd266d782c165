using ActivityTracker.Components.Map;

namespace ActivityTracker.Tests.Components;

// The region map's geometry is pure: TopoJSON decoding, the fitted Mercator projection, path data and colour classes.
public class RegionMapGeometryTests
{
    // Two unit squares side by side sharing their middle edge (arc 1), quantized: a step of 1 is 0.5 degrees from (-10, 20).
    const string TwoSquares = """
        {
          "type": "Topology",
          "transform": { "scale": [0.5, 0.5], "translate": [-10, 20] },
          "arcs": [
            [[2, 0], [-2, 0], [0, 2], [2, 0]],
            [[2, 2], [0, -2]],
            [[2, 2], [2, 0], [0, -2], [-2, 0]]
          ],
          "objects": {
            "countries": {
              "type": "GeometryCollection",
              "geometries": [
                { "type": "Polygon", "id": "484", "arcs": [[0, 1]] },
                { "type": "MultiPolygon", "id": 320, "arcs": [[[2, -2]]] },
                { "type": null, "id": "999" },
                { "type": "Polygon", "arcs": [[0]] }
              ]
            }
          }
        }
        """;

    [Fact]
    public void quantized_arcs_are_delta_decoded_and_joined_into_rings_sharing_their_end_points()
    {
        var shapes = TopoJson.Decode(TwoSquares, "countries");

        Assert.Equal(["484", "320"], shapes.Select(s => s.Id));
        // West square: arc 0 (bottom, left, top edges) then arc 1 (the shared edge, top to bottom) without its first point.
        Assert.Equal([new(-9, 20), new(-10, 20), new(-10, 21), new(-9, 21), new(-9, 20)], shapes[0].Rings.Single());
        // East square, clockwise too: arc 2 from its north-west corner, then arc 1 reversed (~1 = -2), south to north.
        Assert.Equal([new(-9, 21), new(-8, 21), new(-8, 20), new(-9, 20), new(-9, 21)], shapes[1].Rings.Single());
    }

    [Fact]
    public void without_a_transform_positions_are_degrees_as_written()
    {
        const string plain = """
            { "type": "Topology", "arcs": [[[-87.5, 13.1], [-87.4, 13.2], [-87.3, 13.1], [-87.5, 13.1]]],
              "objects": { "countries": { "type": "GeometryCollection", "geometries": [{ "type": "Polygon", "id": "340", "arcs": [[0]] }] } } }
            """;

        var ring = TopoJson.Decode(plain, "countries").Single().Rings.Single();

        Assert.Equal([new(-87.5, 13.1), new(-87.4, 13.2), new(-87.3, 13.1), new(-87.5, 13.1)], ring);
    }

    [Fact]
    public void the_fitted_mercator_fills_the_width_keeps_the_aspect_and_puts_north_up()
    {
        var projection = Mercator.Fit([new(-10, -10), new(10, 10)], width: 220, padding: 10);

        var southWest = projection.Project(new(-10, -10));
        var northEast = projection.Project(new(10, 10));
        var origin = projection.Project(new(0, 0));
        Assert.Equal(10, southWest.X, 9);
        Assert.Equal(210, northEast.X, 9);
        Assert.Equal(10, northEast.Y, 9);
        Assert.Equal(projection.Height - 10, southWest.Y, 9);
        Assert.Equal(110, origin.X, 9);
        Assert.Equal(projection.Height / 2, origin.Y, 9);
        // Mercator stretches latitudes: 10 degrees north spans more than 10 degrees east (ln tan(50°) = 0.17543 against 0.17453 radians).
        Assert.Equal(200 * 0.175426 / 0.174533 + 20, projection.Height, 2);
        // And ever more towards the poles.
        Assert.Equal(0.881374, Mercator.Raw(new(0, 45)).Y, 6);
    }

    [Fact]
    public void a_projection_needs_an_area_to_fit()
    {
        Assert.Throws<ArgumentException>(() => Mercator.Fit([new(-90, 15), new(-90, 15)], 960, 4));
    }

    [Fact]
    public void path_data_closes_each_ring_to_a_tenth_and_drops_points_that_round_together()
    {
        var path = RegionGeometry.PathData(
        [
            [new(0, 0), new(10.04, 0), new(10.01, 0.02), new(10, 5.55), new(0, 0)],
            // Collapses to two points at this precision: not drawn.
            [new(3, 3), new(3.01, 3.01), new(3.04, 3)],
        ]);

        Assert.Equal("M0,0L10,0L10,5.6L0,0Z", path);
    }

    [Fact]
    public void a_ring_encloses_the_same_area_whichever_way_it_turns()
    {
        SvgPoint[] square = [new(0, 0), new(4, 0), new(4, 3), new(0, 3)];

        Assert.Equal(12, RegionGeometry.Area(square));
        Assert.Equal(12, RegionGeometry.Area(square.Reverse().ToList()));
    }

    [Fact]
    public void the_region_map_draws_every_programme_country_and_marks_the_small_island_states()
    {
        var region = RegionGeometry.Load(CodeLists.Shipped);

        var areas = region.Areas.ToDictionary(a => a.Country);
        string[] mesoCarib = ["BZ", "CR", "SV", "GT", "HN", "MX", "NI", "PA", "DO", "AG", "BS", "BB", "DM", "GD", "GY", "HT", "JM", "KN", "LC", "VC", "SR", "TT"];
        Assert.All(mesoCarib, code => Assert.StartsWith("M", areas[code].Path));
        Assert.Equal(RegionGeometry.DrawingWidth, region.Width);
        Assert.InRange(region.Height, 400, 600);
        Assert.All(areas.Values, a =>
        {
            Assert.InRange(a.Centre.X, 0, region.Width);
            Assert.InRange(a.Centre.Y, 0, region.Height);
        });
        // West to east, north to south.
        Assert.True(areas["MX"].Centre.X < areas["CU"].Centre.X && areas["CU"].Centre.X < areas["BB"].Centre.X);
        Assert.True(areas["CU"].Centre.Y < areas["PA"].Centre.Y);
        // The Lesser Antilles are too small to click without a marker; the larger countries are not.
        Assert.All(["BB", "GD", "KN", "LC", "VC", "DM", "AG"], code => Assert.True(areas[code].IsSmall, code));
        Assert.All(["MX", "GT", "CU", "JM", "TT"], code => Assert.False(areas[code].IsSmall, code));
        // West to east, as the keyboard goes through them; markers last, drawn over their neighbours.
        Assert.Equal(region.Areas.OrderBy(a => a.IsSmall).ThenBy(a => a.Centre.X), region.Areas);
    }

    [Fact]
    public void colour_classes_share_the_distinct_figures_and_zero_stays_grey()
    {
        var few = ColourScale.Of([3, 1, 2, 2, 0]);
        Assert.Equal([new ColourClass(1, 1, ColourScale.Palette[1]), new ColourClass(2, 2, ColourScale.Palette[2]), new ColourClass(3, 3, ColourScale.Palette[3])], few);

        var many = ColourScale.Of([1, 2, 3, 4, 5, 6, 7, 8, 256, 1195]);
        Assert.Equal([(1L, 2L), (3L, 5L), (6L, 7L), (8L, 1195L)], many.Select(c => (c.From, c.To)));
        Assert.Equal(ColourScale.Palette, many.Select(c => c.Colour));

        Assert.Equal(ColourScale.Zero, ColourScale.ColourOf(0, many));
        Assert.Equal(ColourScale.Palette[1], ColourScale.ColourOf(4, many));
        Assert.Equal(ColourScale.Palette[3], ColourScale.ColourOf(1195, many));
        Assert.Empty(ColourScale.Of([0, 0]));
    }
}
