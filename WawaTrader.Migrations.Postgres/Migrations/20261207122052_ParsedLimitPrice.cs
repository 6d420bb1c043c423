using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WawaTrader.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ParsedLimitPrice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "parsed_limit_price",
                table: "llm_interactions",
                type: "numeric",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "parsed_limit_price",
                table: "llm_interactions");
        }
    }
}
