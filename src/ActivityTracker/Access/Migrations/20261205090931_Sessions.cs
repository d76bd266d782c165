using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ActivityTracker.Access.Migrations
{
    /// <inheritdoc />
    public partial class Sessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Disabled",
                schema: "identity",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "spent_refresh_tokens",
                schema: "identity",
                columns: table => new
                {
                    hash = table.Column<string>(type: "text", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spent_refresh_tokens", x => x.hash);
                });

            migrationBuilder.CreateIndex(
                name: "IX_spent_refresh_tokens_expires_at",
                schema: "identity",
                table: "spent_refresh_tokens",
                column: "expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "spent_refresh_tokens",
                schema: "identity");

            migrationBuilder.DropColumn(
                name: "Disabled",
                schema: "identity",
                table: "AspNetUsers");
        }
    }
}
